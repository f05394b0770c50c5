/**
 * Spreadsheets (XLSX) written row by row with `exceljs`'s streaming
 * `WorkbookWriter` (no shared-strings table, no styles: each row is
 * committed to the zip as it comes, so a sheet of a million rows is never
 * held in memory), for the CLI and the HTTP API alike. `exceljs` (4.4.0) is
 * an optional peer: it is loaded only when a workbook is asked for, and
 * its absence is a typed {@link XlsxError} (`MissingPeer`), not a crash.
 *
 * Texts are written through `JournalExport.sheetCells` by the callers, so a
 * citizen's text that looks like a formula stays text.
 *
 * @internal
 */
import { PassThrough, type Writable } from "node:stream"
import { Chunk, Data, Effect, Option, Stream } from "effect"

type ExcelJs = typeof import("exceljs")

/** A workbook could not be written: the optional package is missing, or writing failed. */
export class XlsxError extends Data.TaggedError("XlsxError")<{
  readonly kind: "MissingPeer" | "WriteFailed"
  readonly message: string
}> {}

let loaded: ExcelJs | undefined

const missing = (e: unknown): boolean => {
  const code = (e as { readonly code?: unknown } | null)?.code
  return code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND"
}

/** What a failure to load `exceljs` is: `MissingPeer` when the module is not found, else `WriteFailed` with the loader's message. */
export const loadError = (e: unknown): XlsxError =>
  missing(e)
    ? new XlsxError({
        kind: "MissingPeer",
        message: "the optional package exceljs is not installed (npm install exceljs@4.4.0)"
      })
    : new XlsxError({
        kind: "WriteFailed",
        message: `exceljs could not be loaded: ${e instanceof Error ? e.message : String(e)}`
      })

/**
 * Loads `exceljs` (an optional peer), once: the module is kept after the
 * first load, so a workbook never waits for the module loader again. Its
 * absence is `MissingPeer`; any other failure to load it is `WriteFailed`
 * with the loader's message.
 */
export const load: Effect.Effect<ExcelJs, XlsxError> = Effect.suspend(() =>
  loaded !== undefined
    ? Effect.succeed(loaded)
    : Effect.tryPromise({
        try: async () => {
          const m = (await import("exceljs")) as ExcelJs & { readonly default?: ExcelJs }
          loaded = m.default ?? m
          return loaded
        },
        catch: loadError
      })
)

/** A row of cells. */
export type Row = ReadonlyArray<string | number>

/** One sheet to write: its name (at most 31 characters), its header and its rows as they come. */
export interface SheetSource<E, R> {
  readonly name: string
  readonly header: Row
  readonly rows: Stream.Stream<Row, E, R>
}

const failed = (e: unknown) =>
  new XlsxError({ kind: "WriteFailed", message: e instanceof Error ? e.message : String(e) })

const drained = (target: Writable): Effect.Effect<void> =>
  target.writableNeedDrain
    ? Effect.async<void>((resume) => {
        const done = () => {
          target.off("drain", done)
          target.off("close", done)
          resume(Effect.void)
        }
        target.once("drain", done)
        target.once("close", done)
      })
    : Effect.void

/**
 * The zip entry a worksheet's rows are written into, when reachable: in
 * exceljs 4.4 a sheet's `stream` (a `StreamBuf`) writes, without waiting,
 * into the `PassThrough` archiver made of it (`readable-stream` 2), which
 * deflate reads at its own pace. Nothing else tells the writer that deflate
 * is behind: without this, rows pile up in that entry (10^6 rows peaked at
 * 1.3 GiB). Undefined when the internals differ (then only the target's
 * drain paces the rows).
 */
export const zipEntryOf = (ws: unknown): EntryStream | undefined => {
  const pipes = (ws as { readonly stream?: { readonly pipes?: ReadonlyArray<unknown> } }).stream?.pipes
  const entry = pipes?.[0] as Partial<EntryStream> | undefined
  return entry !== undefined && typeof entry.once === "function" && typeof entry._writableState === "object"
    ? (entry as EntryStream)
    : undefined
}

/** The part of a `readable-stream` writable the writer reads. */
export interface EntryStream {
  readonly _writableState: { readonly needDrain?: boolean; readonly ended?: boolean }
  readonly once: (event: "drain" | "close" | "error", f: () => void) => void
  readonly removeListener: (event: "drain" | "close" | "error", f: () => void) => void
}

/** Waits until deflate has taken the sheet's pending rows (the entry's buffer below its mark). */
const entryDrained = (entry: EntryStream | undefined): Effect.Effect<void> =>
  entry === undefined || entry._writableState.needDrain !== true || entry._writableState.ended === true
    ? Effect.void
    : Effect.async<void>((resume) => {
        const done = () => {
          entry.removeListener("drain", done)
          entry.removeListener("close", done)
          entry.removeListener("error", done)
          resume(Effect.void)
        }
        entry.once("drain", done)
        entry.once("close", done)
        entry.once("error", done)
      })

/**
 * Writes sheets to a writable stream (a file, an HTTP response), row by
 * row: every row is committed as it comes, and the writer waits for the
 * sheet's zip entry and for the target to drain before the next chunk of
 * rows (back-pressure), so memory stays flat whatever the number of rows.
 */
export const write = <E, R>(
  target: Writable,
  sheets: ReadonlyArray<SheetSource<E, R>>,
  meta: { readonly title: string; readonly created: Date }
): Effect.Effect<void, E | XlsxError, R> =>
  Effect.gen(function* () {
    const ExcelJS = yield* load
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: target, useSharedStrings: false, useStyles: false })
    wb.title = meta.title
    wb.created = meta.created
    wb.modified = meta.created
    for (const sheet of sheets) {
      const ws = wb.addWorksheet(sheet.name)
      ws.addRow([...sheet.header]).commit()
      const entry = zipEntryOf(ws)
      yield* Stream.runForEachChunk(sheet.rows, (rows) =>
        Effect.try({
          try: () => {
            for (const row of Chunk.toReadonlyArray(rows)) ws.addRow([...row]).commit()
          },
          catch: failed
        }).pipe(Effect.zipRight(entryDrained(entry)), Effect.zipRight(drained(target)))
      )
      yield* Effect.try({ try: () => ws.commit(), catch: failed })
    }
    yield* Effect.tryPromise({ try: () => wb.commit(), catch: failed })
  })

/**
 * A workbook as a stream of bytes (for an HTTP response): the writer runs
 * while the bytes are pulled, into a pipe the response reads; a failure
 * while writing (a storage error while reading the rows) ends the stream
 * with that error after the bytes written so far.
 */
export const bytes = <E, R>(
  sheets: ReadonlyArray<SheetSource<E, R>>,
  meta: { readonly title: string; readonly created: Date }
): Stream.Stream<Uint8Array, E | XlsxError, R> =>
  Stream.unwrapScoped(
    Effect.gen(function* () {
      // the peer is checked before any byte is answered
      yield* load
      const pipe = new PassThrough()
      // on a failure the pipe ends where the writer stopped, and the writer's error follows the bytes
      const writer = yield* Effect.forkScoped(
        write(pipe, sheets, meta).pipe(Effect.ensuring(Effect.sync(() => pipe.end())))
      )
      const body = Stream.fromAsyncIterable(pipe as AsyncIterable<Uint8Array>, failed)
      // the writer's own failure (a storage error while reading rows) is the stream's
      return Stream.concat(
        body,
        Stream.fromEffect(
          Effect.flatMap(writer.await, (exit) => (exit._tag === "Failure" ? Effect.failCause(exit.cause) : Effect.void))
        ).pipe(Stream.filterMap(() => Option.none<Uint8Array>()))
      )
    })
  )
