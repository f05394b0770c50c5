/**
 * The shape of a command and of a group of commands, the parsing of a
 * command's options (`node:util` `parseArgs`, strict) and its `--help` text.
 *
 * A command declares its options as data; the parser checks the command
 * line against them (unknown options, missing values, required options,
 * choices, options given twice) and hands `run` typed values.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { command } from "./Command.js"
 * import { text } from "./Output.js"
 *
 * export const hello = command({
 *   name: "hello",
 *   summary: "Greets someone",
 *   options: { name: { type: "string", value: "NAME", description: "who to greet", required: true } },
 *   examples: ["cityhall demo hello --name Хабаровск"],
 *   run: ({ options }) => Effect.succeed(text(`Здравствуй, ${options.name}`))
 * })
 * ```
 *
 * @module
 */
import { parseArgs } from "node:util"
import { Either, type Effect } from "effect"
import { type CliError, type Output, UsageError } from "./Output.js"

/** An option that takes a value (`--voting-day 2021-09-19` or `--voting-day=2021-09-19`). */
export interface StringOption {
  readonly type: "string"
  /** The value's name in the help, e.g. `DATE`; options with `choices` show them instead. */
  readonly value: string
  readonly description: string
  readonly required?: boolean
  /** The option may be repeated; its values are collected in order. */
  readonly multiple?: boolean
  /** The only values allowed (a value outside them is a usage error). */
  readonly choices?: ReadonlyArray<string>
  /** The value used when the option is absent (shown in the help). */
  readonly default?: string
}

/** An option without a value (`--no-decree-days`). */
export interface FlagOption {
  readonly type: "boolean"
  readonly description: string
}

/** An option of a command. */
export type OptionSpec = StringOption | FlagOption

/** The options of a command, by name (without the leading `--`). */
export type Options = Readonly<Record<string, OptionSpec>>

/** A positional argument (`cityhall import FILE`). */
export interface ArgumentSpec {
  readonly name: string
  readonly description: string
  readonly required: boolean
}

/** The parsed value of one option. */
export type ValueOf<O extends OptionSpec> = O extends FlagOption
  ? boolean
  : O extends { readonly multiple: true }
    ? ReadonlyArray<string>
    : O extends { readonly required: true }
      ? string
      : O extends { readonly default: string }
        ? string
        : string | undefined

/** The parsed values of a command's options. */
export type Values<O extends Options> = { readonly [K in keyof O]: ValueOf<O[K]> }

/** What a command's `run` receives. */
export interface Input<O extends Options> {
  readonly options: Values<O>
  readonly arguments: ReadonlyArray<string>
}

/** A command as its module writes it: options as data, examples, and `run`. */
export interface CommandDef<O extends Options> {
  readonly name: string
  /** One line, shown in the lists of commands. */
  readonly summary: string
  /** Paragraphs of the help, after the usage line. */
  readonly description?: ReadonlyArray<string>
  readonly options: O
  readonly arguments?: ReadonlyArray<ArgumentSpec>
  /** Whole command lines, shown in the help and in docs/cli.md. */
  readonly examples: ReadonlyArray<string>
  readonly run: (input: Input<O>) => Effect.Effect<Output, CliError>
}

/** A raw option value, as the parser produces it. */
export type RawValue = string | boolean | ReadonlyArray<string> | undefined

/** A command with its option types erased, as the dispatcher holds it. */
export interface Command {
  readonly _tag: "Command"
  readonly name: string
  readonly summary: string
  readonly description: ReadonlyArray<string>
  readonly options: Options
  readonly arguments: ReadonlyArray<ArgumentSpec>
  readonly examples: ReadonlyArray<string>
  readonly run: (input: Input<Options>) => Effect.Effect<Output, CliError>
}

/** A group of commands (`cityhall elections …`). */
export interface Group {
  readonly _tag: "Group"
  readonly name: string
  readonly summary: string
  readonly commands: ReadonlyArray<Command>
}

/** What the dispatcher lists at the top level: groups, and commands of their own (`cityhall import FILE`). */
export type Entry = Group | Command

/** Declares a command; `run` gets typed option values. */
export const command = <const O extends Options>(def: CommandDef<O>): Command => ({
  _tag: "Command",
  name: def.name,
  summary: def.summary,
  description: def.description ?? [],
  options: def.options,
  arguments: def.arguments ?? [],
  examples: def.examples,
  // The parser below produces exactly `Values<O>` for the options `O` it was given.
  run: (input) => def.run(input as Input<O>)
})

/** Declares a group of commands. */
export const group = (name: string, summary: string, commands: ReadonlyArray<Command>): Group => ({
  _tag: "Group",
  name,
  summary,
  commands
})

/** Whether the arguments ask for help (`-h` or `--help` before any `--`). */
export const wantsHelp = (args: ReadonlyArray<string>): boolean => {
  for (const a of args) {
    if (a === "--") return false
    if (a === "-h" || a === "--help") return true
  }
  return false
}

const firstLine = (s: string): string => s.split("\n")[0] ?? s

const parseError = (e: unknown): UsageError => {
  const code = typeof e === "object" && e !== null && "code" in e ? String(e.code) : ""
  const message = e instanceof Error ? e.message : String(e)
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? ""
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return new UsageError({ message: `unknown option '${quoted}'` })
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return new UsageError({ message: `unexpected argument '${quoted}'` })
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const option = quoted.replace(/ <value>$/, "")
      if (/ambiguous/.test(message)) {
        return new UsageError({
          message: `option '${option}' needs a value (write '${option}=-…' for a value that starts with a dash)`
        })
      }
      if (/argument missing/.test(message)) return new UsageError({ message: `option '${option}' needs a value` })
      return new UsageError({
        message: firstLine(message)
          .replace(/^Option/, "option")
          .replace(/\.$/, "")
      })
    }
    default:
      return new UsageError({ message: firstLine(message) })
  }
}

/** Parses a command's arguments (everything after its name) into typed values, or a usage error. */
export const parse = (cmd: Command, args: ReadonlyArray<string>): Either.Either<Input<Options>, UsageError> => {
  const config: Record<string, { type: "string" | "boolean"; multiple?: boolean }> = {}
  for (const [name, spec] of Object.entries(cmd.options)) {
    config[name] =
      spec.type === "string" && spec.multiple === true ? { type: "string", multiple: true } : { type: spec.type }
  }
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof config; strict: true; allowPositionals: true; tokens: true }>
  >
  try {
    parsed = parseArgs({
      args: [...args],
      options: config,
      strict: true,
      allowPositionals: cmd.arguments.length > 0,
      tokens: true
    })
  } catch (e) {
    return Either.left(parseError(e))
  }
  const seen = new Set<string>()
  for (const token of parsed.tokens) {
    if (token.kind !== "option") continue
    const spec = cmd.options[token.name]
    if (spec !== undefined && !(spec.type === "string" && spec.multiple === true) && seen.has(token.name)) {
      return Either.left(new UsageError({ message: `option '--${token.name}' is given more than once` }))
    }
    seen.add(token.name)
  }
  const values: Record<string, RawValue> = {}
  for (const [name, spec] of Object.entries(cmd.options)) {
    const raw: unknown = parsed.values[name]
    if (spec.type === "boolean") {
      values[name] = raw === true
      continue
    }
    const list: ReadonlyArray<string> = Array.isArray(raw) ? raw.map(String) : typeof raw === "string" ? [raw] : []
    if (list.length === 0 && spec.required === true) {
      return Either.left(new UsageError({ message: `missing required option '--${name} ${spec.value}'` }))
    }
    for (const v of list) {
      if (spec.choices !== undefined && !spec.choices.includes(v)) {
        return Either.left(
          new UsageError({ message: `option '--${name}' takes ${spec.choices.join(", ")}; got '${v}'` })
        )
      }
    }
    values[name] = spec.multiple === true ? list : (list[0] ?? spec.default)
  }
  const positionals = parsed.positionals
  const required = cmd.arguments.filter((a) => a.required).length
  if (positionals.length < required) {
    const missing = cmd.arguments[positionals.length]
    return Either.left(new UsageError({ message: `missing argument ${missing?.name ?? ""}` }))
  }
  if (positionals.length > cmd.arguments.length) {
    return Either.left(new UsageError({ message: `unexpected argument '${positionals[cmd.arguments.length]}'` }))
  }
  return Either.right({ options: values as Values<Options>, arguments: positionals })
}

// ---- help -------------------------------------------------------------------

/** Wraps a paragraph at `width` columns (words longer than the width stay whole). */
export const wrap = (paragraph: string, width = 100): ReadonlyArray<string> => {
  const lines: Array<string> = []
  let line = ""
  for (const w of paragraph.split(/\s+/).filter((x) => x !== "")) {
    if (line !== "" && line.length + 1 + w.length > width) {
      lines.push(line)
      line = w
    } else line = line === "" ? w : `${line} ${w}`
  }
  if (line !== "") lines.push(line)
  return lines
}

const valueLabel = (spec: StringOption): string => (spec.choices === undefined ? spec.value : spec.choices.join("|"))

const optionLabel = (name: string, spec: OptionSpec): string =>
  spec.type === "boolean" ? `--${name}` : `--${name} ${valueLabel(spec)}`

const table = (rows: ReadonlyArray<readonly [string, string]>): ReadonlyArray<string> => {
  const width = Math.min(30, Math.max(0, ...rows.map(([l]) => l.length)))
  return rows.map(([l, r]) =>
    l.length > width ? `  ${l}\n  ${" ".repeat(width)}  ${r}` : `  ${l.padEnd(width)}  ${r}`
  )
}

/** The usage line of a command: required options, then `[options]`, then arguments. */
export const usage = (path: ReadonlyArray<string>, cmd: Command): string => {
  const parts = ["cityhall", ...path]
  for (const [name, spec] of Object.entries(cmd.options)) {
    if (spec.type === "string" && spec.required === true) parts.push(optionLabel(name, spec))
  }
  if (Object.values(cmd.options).some((s) => s.type === "boolean" || s.required !== true)) parts.push("[options]")
  for (const a of cmd.arguments) parts.push(a.required ? a.name : `[${a.name}]`)
  return parts.join(" ")
}

/** The `--help` text of a command: usage, description, options, examples. */
export const help = (path: ReadonlyArray<string>, cmd: Command): string => {
  const lines: Array<string> = [`cityhall ${path.join(" ")} — ${cmd.summary}`, "", `Usage: ${usage(path, cmd)}`]
  for (const p of cmd.description) lines.push("", ...wrap(p))
  if (cmd.arguments.length > 0) {
    lines.push(
      "",
      "Arguments:",
      ...table(cmd.arguments.map((a) => [a.name, a.description + (a.required ? "" : " (optional)")]))
    )
  }
  const rows: Array<readonly [string, string]> = Object.entries(cmd.options).map(([name, spec]) => {
    const notes: Array<string> = []
    if (spec.type === "string" && spec.required === true) notes.push("required")
    if (spec.type === "string" && spec.multiple === true) notes.push("repeatable")
    if (spec.type === "string" && spec.default !== undefined) notes.push(`default: ${spec.default}`)
    return [optionLabel(name, spec), spec.description + (notes.length > 0 ? ` (${notes.join("; ")})` : "")]
  })
  rows.push(["-h, --help", "show this help"])
  lines.push("", "Options:", ...table(rows))
  if (cmd.examples.length > 0) lines.push("", "Examples:", ...cmd.examples.map((e) => `  ${e}`))
  return `${lines.join("\n")}\n`
}

/** The `--help` text of a group: its commands. */
export const groupHelp = (g: Group): string => {
  const lines = [
    `cityhall ${g.name} — ${g.summary}`,
    "",
    `Usage: cityhall ${g.name} <command> [options]`,
    "",
    "Commands:",
    ...table(g.commands.map((c) => [c.name, c.summary])),
    "",
    `Run 'cityhall ${g.name} <command> --help' for a command's options and examples.`
  ]
  const examples = g.commands.flatMap((c) => c.examples.slice(0, 1))
  if (examples.length > 0) lines.push("", "Examples:", ...examples.map((e) => `  ${e}`))
  return `${lines.join("\n")}\n`
}
