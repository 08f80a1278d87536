export { diffDocuments, majorOf, type Change, type Document } from './diff.js';
export { checkBreaking, type BreakingReport } from './breaking.js';
export { pickBase, type BaseRef } from './base-ref.js';
export { bumpOf, changesetsSince, documentDifferences, releaseFor, renderChangeset, specChangeset, type Bump, type ChangesetReport, type SpecRelease } from './changeset.js';
