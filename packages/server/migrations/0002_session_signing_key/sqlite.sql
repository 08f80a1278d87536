-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CheckoutSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "nonce" TEXT NOT NULL,
    "initiatorId" TEXT NOT NULL,
    "payerId" TEXT NOT NULL,
    "signingKeyId" TEXT NOT NULL,
    "amount" DECIMAL NOT NULL,
    "currency" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    CONSTRAINT "CheckoutSession_initiatorId_fkey" FOREIGN KEY ("initiatorId") REFERENCES "Initiator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CheckoutSession_payerId_fkey" FOREIGN KEY ("payerId") REFERENCES "Payer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CheckoutSession_signingKeyId_fkey" FOREIGN KEY ("signingKeyId") REFERENCES "SigningKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CheckoutSession" ("amount", "completedAt", "createdAt", "currency", "expiresAt", "id", "initiatorId", "nonce", "payerId", "signingKeyId", "status") SELECT "amount", "completedAt", "createdAt", "currency", "expiresAt", "id", "initiatorId", "nonce", "payerId", "signingKeyId", "status" FROM "CheckoutSession";
DROP TABLE "CheckoutSession";
ALTER TABLE "new_CheckoutSession" RENAME TO "CheckoutSession";
CREATE UNIQUE INDEX "CheckoutSession_nonce_key" ON "CheckoutSession"("nonce");
CREATE INDEX "CheckoutSession_initiatorId_idx" ON "CheckoutSession"("initiatorId");
CREATE INDEX "CheckoutSession_payerId_idx" ON "CheckoutSession"("payerId");
CREATE INDEX "CheckoutSession_signingKeyId_idx" ON "CheckoutSession"("signingKeyId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

