import { AppealTopicCode } from "../../appeals/Topic.js"

/** The topic of a question or card: the appeals area's classifier code `XXXX.XXXX.XXXX.XXXX` (one topic vocabulary for both areas). */
export const QuestionTopic = AppealTopicCode
