-- CreateIndex
CREATE INDEX "CheckoutSession_signingKeyId_idx" ON "CheckoutSession"("signingKeyId");

-- AddForeignKey
ALTER TABLE "CheckoutSession" ADD CONSTRAINT "CheckoutSession_signingKeyId_fkey" FOREIGN KEY ("signingKeyId") REFERENCES "SigningKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

