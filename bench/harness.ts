/**
 * A tiny benchmark harness: runs a body in repeated timed samples and reports
 * the median rate. Figures are only compared within one run on one machine.
 */
import { performance } from "node:perf_hooks"
import type { AppendBatch } from "../src/ports/EventStore.js"
import { coalesce, counterKeyString, type RowUpsert } from "../src/ports/ReadModels.js"

export interface Figure {
  readonly name: string
  readonly opsPerSecond: number
  readonly medianMs: number
  readonly samples: number
  readonly opsPerSample: number
  readonly [extra: string]: unknown
}

export const median = (xs: ReadonlyArray<number>): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** Times `body` (which performs `ops` operations) `samples` times after one warm-up. */
export const measure = (name: string, ops: number, samples: number, body: () => void): Figure => {
  body()
  const times: Array<number> = []
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now()
    body()
    times.push(performance.now() - t0)
  }
  const ms = median(times)
  return {
    name,
    opsPerSecond: Math.round((ops / ms) * 1000),
    medianMs: Number(ms.toFixed(3)),
    samples,
    opsPerSample: ops
  }
}

/** The rows both sides of an import write: events, streams and the net read-model rows and counters. */
export const rawRows = (batches: ReadonlyArray<AppendBatch>) => {
  let position = 0
  const events: Array<ReadonlyArray<unknown>> = []
  const streams: Array<ReadonlyArray<unknown>> = []
  for (const b of batches) {
    b.events.forEach((e, v) => {
      position++
      events.push([
        position,
        e.eventId,
        b.stream.category,
        b.stream.id,
        v + 1,
        e.type,
        JSON.stringify(e.payload),
        e.recordedAt
      ])
    })
    streams.push([b.stream.category, b.stream.id, b.events.length])
  }
  const { counters, rows } = coalesce(batches.flatMap((b) => b.writes ?? []))
  const upserts = rows.filter((r): r is RowUpsert => r._tag === "RowUpsert")
  return {
    position,
    events,
    streams,
    rows: upserts.map((u) => [u.table, u.key, JSON.stringify(u.data), u.index[0], u.index[1], u.index[2], u.index[3]]),
    counters: counters.map((c) => [c.counter, counterKeyString(c.key), c.key[0] ?? null, c.delta])
  }
}

/** A registration request's body (`POST /appeals`), the `i`-th of a run: its own appeal id and number under `prefix`. */
export const registrationBody = (
  i: number,
  prefix: { readonly id: string; readonly number: string; readonly digits: number },
  /** When it is registered (a server on the real clock): the number's year and the instant of receipt (default 2021, 14 March). */
  live?: { readonly year: number; readonly receivedAt: string }
) =>
  JSON.stringify({
    appealId: `${prefix.id}-${i}`,
    registrationNumber: `${prefix.number}-${live?.year ?? 2021}-${String(i).padStart(prefix.digits, "0")}`,
    channel: "electronic",
    kind: "individual",
    type: "complaint",
    addressee: { _tag: "ToMayor" },
    applicant: { name: "Иванова Мария Петровна", email: "ivanova@example.ru" },
    text: "Прошу отремонтировать крышу дома",
    topics: ["0005.0005.0056.1134"],
    relatedAppeals: [],
    receivedAt: live?.receivedAt ?? "2021-03-14T23:00:00.000Z"
  })
