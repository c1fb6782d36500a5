// Names for the generated schema types that the app uses often.
import type { components } from './schema';

export type User = components['schemas']['User'];
export type Problem = components['schemas']['Problem'];
