/** The import's progress bar: drawn on a terminal only, with the part done, the lines read and the rate; cleared at the end. */
import { FastCheck as fc } from "effect"
import { describe, expect, it } from "vitest"
import { progress } from "../../adapters/cli/commands/import.js"

const recorder = (isTTY: boolean) => {
  const written: Array<string> = []
  return { stream: { isTTY, write: (s: string) => written.push(s) }, written }
}

describe("progress", () => {
  it("writes nothing when stderr is not a terminal (a pipe, a file, CI)", () => {
    const r = recorder(false)
    const bar = progress("cityhall import", { total: 100, stream: r.stream })
    bar.update(10, 50)
    bar.done()
    expect(r.written).toEqual([])
  })

  it("on a terminal: redraws one line with the bar, the percent, the lines and the rate, and clears it at the end", () => {
    const r = recorder(true)
    let t = 0
    const bar = progress("cityhall import", { total: 1000, stream: r.stream, now: () => t })
    t = 2000
    bar.update(500, 250)
    t = 4000
    bar.update(2000, 1000)
    bar.done()
    expect(r.written).toEqual([
      `\r\x1b[Kcityhall import [${"#".repeat(8)}${".".repeat(22)}] 25% 500 lines, 250/s`,
      `\r\x1b[Kcityhall import [${"#".repeat(30)}] 100% 2000 lines, 500/s`,
      "\r\x1b[K"
    ])
  })

  it("the bar never overflows and the percent stays in 0..100, for any amount and total; without a total, no bar", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: -10, max: 10_000_000 }),
        fc.option(fc.integer({ min: -5, max: 10_000_000 }), { nil: undefined }),
        (lines, amount, total) => {
          const r = recorder(true)
          progress("x", { stream: r.stream, now: () => 0, ...(total === undefined ? {} : { total }) }).update(
            lines,
            amount
          )
          const line = r.written[0]!
          expect(line.includes("\n")).toBe(false)
          const m = /\[([#.]*)\] (\d+)%/.exec(line)
          if (total === undefined || total <= 0) expect(m).toBeNull()
          else {
            expect(m![1]).toHaveLength(30)
            expect(Number(m![2])).toBeGreaterThanOrEqual(0)
            expect(Number(m![2])).toBeLessThanOrEqual(100)
          }
          expect(line).toContain(` ${lines} lines, `)
        }
      )
    )
  })

  it("done() without an update writes nothing", () => {
    const r = recorder(true)
    progress("x", { stream: r.stream }).done()
    expect(r.written).toEqual([])
  })
})
