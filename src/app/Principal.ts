/**
 * Who acts: a principal is a subject (a citizen's account, an employee's
 * login) with a role, and the division or official the role is bound to.
 * Every entry point (HTTP, CLI, importer) turns its caller into one before
 * it calls a use case; the access policy ({@link Access}) decides on it.
 *
 * Roles:
 * - `citizen` submits appeals and reads only the ones they submitted;
 * - `clerk` registers, assigns and forwards appeals, keeps the plans,
 *   election calendars, receptions and meetings on the officials' behalf;
 * - `divisionHead` answers and extends the appeals of their `division`;
 * - `controller` (a deputy mayor, the control department) reads what is
 *   under their control: with an organisation, the divisions the duty
 *   distribution gives their `official` on the day; otherwise everything;
 * - `administrator` may do everything.
 *
 * @module
 */
import { Schema } from "effect"
import { ActorId, DivisionId, OfficialId } from "../kernel/Ids.js"

/** The roles. */
export const Role = Schema.Literal("citizen", "clerk", "divisionHead", "controller", "administrator")
/** @see Role */
export type Role = typeof Role.Type

/** Every role, in the order of the access table. */
export const ROLES: ReadonlyArray<Role> = Role.literals

/** Who is acting: a subject with a role, and the division or official the role is bound to. */
export class Principal extends Schema.Class<Principal>("Principal")({
  /** A stable id of the caller (a citizen's account, an employee's login). */
  subject: ActorId,
  role: Role,
  /** The division a `divisionHead` heads. */
  division: Schema.optionalWith(DivisionId, { exact: true }),
  /** The official a `controller` is (for the duty distribution). */
  official: Schema.optionalWith(OfficialId, { exact: true }),
  /** The id of the token the principal came with (`jti`), which the revocation list names. */
  tokenId: Schema.optionalWith(Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_-]{8,128}$/)), { exact: true })
}) {}

/** The system itself (the importer, the demo): an administrator with a named subject. */
export const system = (subject: string): Principal =>
  new Principal({ subject: subject as ActorId, role: "administrator" }, true)
