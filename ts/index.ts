/**
 * The public API of beaconwatch, for Node services that embed it. Everything
 * not exported here is internal and may change.
 */
export { runScan } from './scan/scanRun.js';
export type { ScanOptions, ScanOutcome, GroupResult, WindowRequest } from './scan/scanRun.js';
export { RunSummary } from './scan/runSummary.js';
export { resultDocument } from './sink/resultDocument.js';
export type { ResultDocument } from './sink/resultDocument.js';
export { rankFindings, splitSuppressed, formatFindingsTable } from './sink/findingsTable.js';
export type { Finding, RankedResult, TabledResult } from './sink/findingsTable.js';
export { formatRunSummary } from './sink/summaryReport.js';
export { ProgressDisplay } from './sink/progressDisplay.js';
export type { ScanProgress } from './scan/scanOptions.js';
export { parseAllowList, loadAllowList } from './filter/allowListConfig.js';
export type { AllowListConfig, AllowRule, AllowMode } from './filter/allowListConfig.js';
export { applyAllowList } from './filter/allowListSuppression.js';
export type { AllowListOutcome, RuleOutcome } from './filter/allowListSuppression.js';
export { explainScore } from './explain/explainResult.js';
export type { Explanation, TestExplanation, TestOutcome, ExplainedScore } from './explain/explainResult.js';
export { formatExplanation } from './explain/explanationText.js';
export { buildReportData } from './report/reportData.js';
export type { ReportData, ReportedResult, ReportOptions } from './report/reportData.js';
export { renderReportHtml } from './report/reportHtml.js';
export type { ScanRecord } from './report/scanRecord.js';
export { detailsLines, readDetailsFile } from './report/detailsFile.js';
export { readResultsFile } from './report/resultsFile.js';
export { DEFAULT_PARAMS, resolveParams, loadParams } from './params/beaconParams.js';
export type { BeaconParams } from './params/beaconParams.js';
export { DEFAULT_FILTERS, NO_FILTERS, loadFilterConfig, parseFilterConfig } from './filter/filterConfig.js';
export type { FilterConfig } from './filter/filterConfig.js';
export { createEngine } from './engine/createEngine.js';
export { ENGINE_KINDS, NO_DESTINATION_IP } from './engine/scoringEngine.js';
export type { EngineKind, ScoringEngine, EventColumns, GroupScore, BeaconStats } from './engine/scoringEngine.js';
export type { InputFormatName } from './decode/inputFormats.js';
export type { ZeekBytes } from './decode/zeekConn.js';
export type { ScoringWindow } from './window/windowPlan.js';
export { BeaconwatchError, UsageError, ConfigError, InputError, EngineError } from './errors.js';
