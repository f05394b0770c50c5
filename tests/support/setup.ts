/**
 * Vitest setup file (every project, and the reliability suite): fast-check's
 * default number of runs (100) scaled like every explicit count, so a
 * property written without `numRuns` follows `CITYHALL_PROPERTY_RUNS` too.
 */
import { FastCheck as fc } from "effect"
import { runs } from "./runs.js"

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: runs(100) })
