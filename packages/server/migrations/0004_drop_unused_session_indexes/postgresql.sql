-- DropIndex
DROP INDEX "CheckoutSession_initiatorId_idx";

-- DropIndex
DROP INDEX "CheckoutSession_payerId_idx";

-- DropIndex
DROP INDEX "CheckoutSession_signingKeyId_idx";

