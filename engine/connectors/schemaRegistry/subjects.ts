/**
 * Subject name strategies (`valueSchema.options.subjectNameStrategy`): under which registry
 * subject a value schema is registered or looked up. TopicNameStrategy (the default) is
 * "<topic>-value"; RecordNameStrategy is the record's fully qualified name;
 * TopicRecordNameStrategy is "<topic>-<fully qualified name>".
 */
import { SUBJECT_NAME_STRATEGIES, type SubjectNameStrategy } from '../../io/enums';
import { AvroEncodeError } from './errors';

// The list is shared with the stage parser (engine/io/enums.ts).
export { SUBJECT_NAME_STRATEGIES, type SubjectNameStrategy };
export const DEFAULT_SUBJECT_NAME_STRATEGY: SubjectNameStrategy = 'TopicNameStrategy';

/** The value subject for a topic and a schema's full name (undefined for an unnamed schema). */
export function valueSubject(strategy: SubjectNameStrategy, topic: string, recordName: string | undefined): string {
  if (strategy === 'TopicNameStrategy') return `${topic}-value`;
  if (recordName === undefined) {
    throw new AvroEncodeError(`subjectNameStrategy ${strategy} needs a named value schema (a record, enum or fixed), and this one has no name`);
  }
  return strategy === 'RecordNameStrategy' ? recordName : `${topic}-${recordName}`;
}
