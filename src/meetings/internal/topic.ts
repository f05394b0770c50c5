import { Schema } from "effect"

/** The topic of a question: a classifier code `XXXX.XXXX.XXXX.XXXX` with an optional fifth level (same brand as the appeals area's). */
export const QuestionTopic = Schema.String.pipe(
  Schema.pattern(/^\d{4}(\.\d{4}){3,4}$/, { message: () => "expected a topic code XXXX.XXXX.XXXX.XXXX with an optional fifth level" }),
  Schema.brand("TopicCode"),
  Schema.annotations({ identifier: "AppealTopicCode" })
)
