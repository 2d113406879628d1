import type { FragmentOf } from '../graphql';
import { UpdateFields } from './parts';

export { UpdateCard, UpdateFields } from './parts';
export type FragmentOfUpdate = FragmentOf<typeof UpdateFields>;
