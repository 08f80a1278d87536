-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('open', 'completed');

-- CreateTable
CREATE TABLE "Initiator" (
    "id" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Initiator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "initiatorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiSecret" (
    "id" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "hashKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "ApiSecret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "initiatorId" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payer" (
    "id" TEXT NOT NULL,
    "platformId" INTEGER NOT NULL DEFAULT 1,
    "email" TEXT,
    "phone" TEXT,
    "phoneCountryCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckoutSession" (
    "id" TEXT NOT NULL,
    "nonce" TEXT NOT NULL,
    "initiatorId" TEXT NOT NULL,
    "payerId" TEXT NOT NULL,
    "signingKeyId" TEXT NOT NULL,
    "amount" DECIMAL(65,30) NOT NULL,
    "currency" TEXT NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "CheckoutSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiKey_initiatorId_idx" ON "ApiKey"("initiatorId");

-- CreateIndex
CREATE INDEX "ApiSecret_apiKeyId_idx" ON "ApiSecret"("apiKeyId");

-- CreateIndex
CREATE UNIQUE INDEX "SigningKey_initiatorId_generation_key" ON "SigningKey"("initiatorId", "generation");

-- CreateIndex
CREATE UNIQUE INDEX "Payer_platformId_email_key" ON "Payer"("platformId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Payer_platformId_phoneCountryCode_phone_key" ON "Payer"("platformId", "phoneCountryCode", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "CheckoutSession_nonce_key" ON "CheckoutSession"("nonce");

-- CreateIndex
CREATE INDEX "CheckoutSession_initiatorId_idx" ON "CheckoutSession"("initiatorId");

-- CreateIndex
CREATE INDEX "CheckoutSession_payerId_idx" ON "CheckoutSession"("payerId");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_initiatorId_fkey" FOREIGN KEY ("initiatorId") REFERENCES "Initiator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiSecret" ADD CONSTRAINT "ApiSecret_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SigningKey" ADD CONSTRAINT "SigningKey_initiatorId_fkey" FOREIGN KEY ("initiatorId") REFERENCES "Initiator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckoutSession" ADD CONSTRAINT "CheckoutSession_initiatorId_fkey" FOREIGN KEY ("initiatorId") REFERENCES "Initiator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckoutSession" ADD CONSTRAINT "CheckoutSession_payerId_fkey" FOREIGN KEY ("payerId") REFERENCES "Payer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

