export { diffDocuments, majorOf, type Change, type Document } from './diff.js';
export { checkBreaking, type BreakingReport } from './breaking.js';
