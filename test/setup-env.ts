// Before each test file: point this jest worker at its own database and Redis db.
import { Logger } from '@nestjs/common';
import { configureTestEnvironment } from '@causeway/testing/test-env';

configureTestEnvironment();
// Quiet output: code that logs outside an app (migrations in integration tests) writes warnings and
// errors only; the apps log through pino into the test log file.
Logger.overrideLogger(['error', 'warn']);
