// Before each test file: point this jest worker at its own database and Redis db.
import { configureTestEnvironment } from '@causeway/testing/test-env';

configureTestEnvironment();
