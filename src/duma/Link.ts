/**
 * The upward link of a planned activity that executes a Duma instruction:
 * the planning area's `Link` (a strategic goal, a municipal target program
 * or an item of the annual plan).
 *
 * @module
 */
import { Link } from "../planning/Link.js"

/** The link of a planned activity up to a goal, a program or an annual plan item (planning's `Link.Link`). */
export const ActivityLink = Link
/** @see ActivityLink */
export type ActivityLink = Link
