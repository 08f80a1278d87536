export { runContract, loadContract, positiveSamples, negativeSamples, derivedSeed, ConfigurationError, type RunOptions, type RunResult } from './runner.js';
export { formatReport } from './report.js';
export { CHECKS } from './checks/index.js';
export { CHECK_NAMES, type CheckName, type Failure } from './types.js';
export { loadRuleFile, parseRuleFile, ruleViolations, decimalPlaces, type RuleFile, type Rule } from './rules.js';
export { loadDocument, operationsOf, type Operation, type OpenApiDocument } from './spec.js';
