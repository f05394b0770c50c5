import { describe, expect, it } from "@effect/vitest"
import * as Analysis from "../../src/appeals/Analysis.js"
import * as AppealsAdapter from "../../src/information/AppealsAdapter.js"
import * as Coverage from "../../src/information/Coverage.js"
import { Publication } from "../../src/information/Publication.js"
import type { TopicCode } from "../../src/information/Topic.js"
import type { DivisionId, PublicationId } from "../../src/kernel/Ids.js"
import * as Period from "../../src/kernel/Period.js"

describe("hot topics from the appeal analysis", () => {
  it("the month's top topics (theme groups) become hot topics with their counts and names, and feed the coverage report", () => {
    const base = Analysis.combine(Period.unsafeMonth("2020-03"), Period.unsafeDay("2020-03-31"), [])
    const march = new Analysis.Analysis({
      ...base,
      total: 10,
      byTopic: {
        "0005.0005.0056.1134": 5,
        "0005.0005.0054.1122": 2,
        "0003.0009.0097.0690": 2,
        "0002.0013.0141.0466": 1
      }
    })
    const hot = AppealsAdapter.hotTopicsOf(march, { level: 2, limit: 2 })
    expect(hot.map((t) => [t.code, t.appeals, t.name])).toEqual([
      ["0005.0005", 7, "Жилище"],
      ["0003.0009", 2, "Хозяйственная деятельность"]
    ])
    const p = new Publication({
      id: "pub-1" as PublicationId,
      channel: "radio",
      rubric: "Разговор по существу",
      date: Period.unsafeDay("2020-04-02"),
      title: "О капремонте",
      topics: ["0005.0005.0056.1134" as TopicCode],
      division: "press-service" as DivisionId
    })
    const r = Coverage.coverage(Period.unsafeMonth("2020-03"), hot, [p])
    expect(r.covered.map((c) => c.topic.code)).toEqual(["0005.0005"])
    expect(r.uncovered.map((t) => t.code)).toEqual(["0003.0009"])
  })
})
