/**
 * Step 六 (总结归档): the lessons the owner writes in the retrospective — 成功经验, 失败教训,
 * 改进建议 — each tagged by channel, audience, tactic and module so that the lessons of every
 * campaign, archived ones included, can be searched together.
 */
import { z } from 'zod';
import { deferred } from './deferred';
import { id, isoDate } from './values';

export const LESSON_KINDS = ['success', 'failure', 'improvement'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

/** The free-text tags of a lesson; a tag is short (a channel's or an audience's name). */
export const LESSON_TAGS = ['channel', 'audience', 'tactic'] as const;
export const LESSON_TEXT_MAX = 2000;
export const LESSON_TAG_MAX = 60;

const tag = /* @__PURE__ */ z.string().trim().max(LESSON_TAG_MAX);

export const lessonSchema = deferred(() =>
  z.object({
    id,
    projectId: id,
    kind: z.enum(LESSON_KINDS),
    text: z.string(),
    channel: z.string(),
    audience: z.string(),
    tactic: z.string(),
    moduleId: id.nullable(),
    position: z.int(),
  }),
);
export type Lesson = z.infer<typeof lessonSchema>;

export const lessonPatchSchema = deferred(() =>
  z
    .object({
      kind: z.enum(LESSON_KINDS),
      text: z.string().trim().min(1).max(LESSON_TEXT_MAX),
      channel: tag,
      audience: tag,
      tactic: tag,
      moduleId: id.nullable(),
    })
    .partial()
    .strict(),
);
export type LessonPatch = z.infer<typeof lessonPatchSchema>;

/** A lesson found by the library, with the campaign it comes from. */
export const lessonHitSchema = deferred(() =>
  lessonSchema.extend({
    projectName: z.string(),
    projectStatus: z.string(),
    projectStart: isoDate.nullable(),
    moduleName: z.string().nullable(),
  }),
);
export type LessonHit = z.infer<typeof lessonHitSchema>;

export const lessonSearchSchema = deferred(() =>
  z
    .object({
      /** Words looked for in the lesson's text and tags (all of them must occur). */
      text: z.string().trim().max(200).default(''),
      /** One tag, matched exactly (ignoring case) against the channel, audience, tactic or module name. */
      tag: z.string().trim().max(LESSON_TAG_MAX).default(''),
      kind: z.enum(LESSON_KINDS).nullable().default(null),
    })
    .strict(),
);
