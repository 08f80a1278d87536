-- CreateTable
CREATE TABLE "Initiator" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "displayName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initiatorId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiKey_initiatorId_fkey" FOREIGN KEY ("initiatorId") REFERENCES "Initiator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiSecret" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "apiKeyId" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "hashKeyId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    CONSTRAINT "ApiSecret_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "initiatorId" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "SigningKey_initiatorId_fkey" FOREIGN KEY ("initiatorId") REFERENCES "Initiator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Payer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platformId" INTEGER NOT NULL DEFAULT 1,
    "email" TEXT,
    "phone" TEXT,
    "phoneCountryCode" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CheckoutSession" (
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
    CONSTRAINT "CheckoutSession_payerId_fkey" FOREIGN KEY ("payerId") REFERENCES "Payer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
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

