/**
 * The `cityhall` command line: `cityhall <group> <command> [options]` (or
 * `cityhall <command> …` for a command of its own), `--help` on every level,
 * one line on stderr for an error with exit code 2 (usage) or 1 (input or
 * domain), stable JSON for scripts.
 *
 * {@link run} is pure apart from what a command itself does: it answers the
 * text for stdout and stderr and the exit code; {@link main} writes them to
 * the process. Adding a command: write it with `command({...})` in
 * `commands/<group>.ts` and list it in its group; adding a group or a
 * top-level command: add it to {@link entries}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { run } from "./Cli.js"
 *
 * const r = await Effect.runPromise(run(["appeals", "due", "--registered", "2021-03-01"]))
 * // r.exitCode === 0, JSON.parse(r.stdout).due === "2021-03-31"
 * ```
 *
 * @module
 */
import { Cause, Effect, Either } from "effect"
import { Calendar } from "../../src/kernel/index.js"
import { type Command, type Entry, groupHelp, help, parse, wantsHelp } from "./Command.js"
import { appeals } from "./commands/appeals.js"
import { calendar } from "./commands/calendar.js"
import { init, migrate, rebuild, token } from "./commands/city.js"
import { demo } from "./commands/demo.js"
import { elections } from "./commands/elections.js"
import { importCommand } from "./commands/import.js"
import { report } from "./commands/report.js"
import { serve } from "./commands/serve.js"
import { type CliError, errorLine, exitCode, UsageError } from "./Output.js"

/** What a run answers: the text for stdout and stderr, and the exit code. */
export interface Result {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
}

/** The exit code of a bug (a defect in a command): 70, EX_SOFTWARE. */
export const EXIT_INTERNAL = 70

/** The groups and top-level commands of `cityhall`, in the order the help lists them. */
export const entries: ReadonlyArray<Entry> = [
  elections,
  appeals,
  calendar,
  report,
  importCommand,
  demo,
  serve,
  init,
  migrate,
  rebuild,
  token
]

const ok = (stdout: string): Result => ({ stdout, stderr: "", exitCode: 0 })
const failed = (path: ReadonlyArray<string>, e: CliError): Result => ({
  stdout: "",
  stderr: `${errorLine(path, e)}\n`,
  exitCode: exitCode(e)
})

/** The overview printed by `cityhall` without arguments, before the help. */
export const overview = (): string => {
  const cal = Calendar.russia()
  return [
    "cityhall — the organisational work of a city administration: planning, citizens' appeals (59-FZ),",
    "meetings with residents, and election tasks (67-FZ), as a pure TypeScript domain core.",
    `Production calendar of the Russian Federation: ${cal.firstDay} to ${cal.lastDay}, presidential non-working days of 2020-2021 on by default.`,
    ""
  ].join("\n")
}

/** The top-level help: groups with their commands, exit codes, examples. */
export const topHelp = (list: ReadonlyArray<Entry> = entries): string => {
  const rows: Array<readonly [string, string]> = []
  for (const e of list) {
    if (e._tag === "Command") rows.push([e.name, e.summary])
    else for (const c of e.commands) rows.push([`${e.name} ${c.name}`, c.summary])
  }
  const width = Math.max(...rows.map(([l]) => l.length))
  const examples = list.flatMap((e) =>
    e._tag === "Command" ? e.examples.slice(0, 1) : e.commands.flatMap((c) => c.examples.slice(0, 1))
  )
  return [
    "Usage: cityhall <group> <command> [options]",
    "",
    "Commands:",
    ...rows.map(([l, r]) => `  ${l.padEnd(width)}  ${r}`),
    "",
    "Options on every level:",
    "  -h, --help  show the help (of cityhall, a group, or a command)",
    "",
    "Exit codes: 0 success; 1 an input or domain error (a bad date, a phrase not understood, a term the law",
    "refuses); 2 a usage error (unknown command or option, missing or misplaced option). Errors are one line",
    "on stderr. --format json output has documented keys, sorted, and is stable for scripts.",
    "",
    "Examples:",
    ...examples.map((e) => `  ${e}`),
    ""
  ].join("\n")
}

const names = (xs: ReadonlyArray<{ readonly name: string }>) => xs.map((x) => x.name).join(", ")

const runCommand = (path: ReadonlyArray<string>, cmd: Command, args: ReadonlyArray<string>): Effect.Effect<Result> => {
  if (wantsHelp(args)) return Effect.succeed(ok(help(path, cmd)))
  return Either.match(parse(cmd, args), {
    onLeft: (e) => Effect.succeed(failed(path, e)),
    onRight: (input) =>
      cmd.run(input).pipe(
        Effect.match({ onFailure: (e) => failed(path, e), onSuccess: (out) => ok(out.stdout) }),
        Effect.catchAllCause((cause) =>
          Effect.succeed({
            stdout: "",
            stderr: `cityhall ${path.join(" ")}: internal error: ${Cause.pretty(cause).split("\n")[0] ?? "unknown"}\n`,
            exitCode: EXIT_INTERNAL
          })
        )
      )
  })
}

/** Runs a command line (the arguments after `cityhall`) against a list of entries. */
export const run = (argv: ReadonlyArray<string>, list: ReadonlyArray<Entry> = entries): Effect.Effect<Result> => {
  const [first, ...rest] = argv
  if (first === undefined) return Effect.succeed(ok(`${overview()}\n${topHelp(list)}`))
  if (first === "-h" || first === "--help" || first === "help") return Effect.succeed(ok(topHelp(list)))
  const entry = list.find((e) => e.name === first)
  if (entry === undefined) {
    const what = first.startsWith("-") ? `unknown option '${first}'` : `unknown command '${first}'`
    return Effect.succeed(failed([], new UsageError({ message: `${what}; commands: ${names(list)}` })))
  }
  if (entry._tag === "Command") return runCommand([entry.name], entry, rest)
  const [name, ...args] = rest
  if (name === undefined) {
    return Effect.succeed(
      failed([entry.name], new UsageError({ message: `missing command; ${entry.name} has ${names(entry.commands)}` }))
    )
  }
  if (name === "-h" || name === "--help") return Effect.succeed(ok(groupHelp(entry)))
  const cmd = entry.commands.find((c) => c.name === name)
  if (cmd === undefined) {
    const what = name.startsWith("-") ? `unknown option '${name}' before the command` : `unknown command '${name}'`
    return Effect.succeed(
      failed([entry.name], new UsageError({ message: `${what}; ${entry.name} has ${names(entry.commands)}` }))
    )
  }
  return runCommand([entry.name, cmd.name], cmd, args)
}

/**
 * Runs `cityhall` in this process: writes stdout and stderr and sets the
 * exit code. A closed stdout (`cityhall … | head -1`) ends the process
 * quietly.
 */
export const main = async (argv: ReadonlyArray<string>): Promise<void> => {
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0)
    throw e
  })
  // A command whose work waits on nothing the event loop holds would end the process silently with 0:
  // say so, as the internal error it is.
  let finished = false
  const unfinished = () => {
    if (finished) return
    finished = true
    process.stderr.write(
      `cityhall ${argv
        .filter((a) => !a.startsWith("-"))
        .slice(0, 2)
        .join(" ")}: internal error: the command stopped before it finished (nothing left to wait for)\n`
    )
    process.exitCode = EXIT_INTERNAL
  }
  process.once("beforeExit", unfinished)
  const result = await Effect.runPromise(run(argv))
  finished = true
  process.off("beforeExit", unfinished)
  if (result.stdout !== "") process.stdout.write(result.stdout)
  if (result.stderr !== "") process.stderr.write(result.stderr)
  process.exitCode = result.exitCode
}
