import { BigIntScalar } from './big-int.scalar';
import { DateTimeScalar } from './date-time.scalar';

export { BigIntScalar, BigIntValue } from './big-int.scalar';
export { DateTimeScalar } from './date-time.scalar';
export const SCALARS = [DateTimeScalar, BigIntScalar];
