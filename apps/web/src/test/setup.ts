import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor give up after this long: the default second is too short on a loaded 2-core CI
// machine (a first render of a page with its messages took 1.5 s there); a failing check still
// fails, only later.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());
