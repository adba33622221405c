/** Scenarios: the contract, the loader and validator, and the player (issue 8). */
export * from './contract.js';
export { loadScenarioDir, loadScenarioFile, parseScenario, type LoadResult } from './load-scenario.js';
export { checkExpectation, createScenarioPlayer, evaluateGoal, outcomeCode, runLine, type LineRun } from './scenario-player.js';
export { findAudit, resolveExpected, subsetMismatch } from './match.js';
