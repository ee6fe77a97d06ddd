/**
 * BSON undefined (deprecated type 6) as an engine value, apart from "missing" (JS undefined).
 * The bson library has no class for it: it decodes type 6 as a JS undefined under a present
 * key, which normalizeNumbers turns into this value, and it cannot encode type 6. So writing
 * it through the bson library gives null, as MongoDB's drivers do on inserts and updates
 * (https://www.mongodb.com/docs/manual/reference/bson-types/migrate-undefined/), and
 * Extended JSON gives `{"$undefined": true}`.
 */

const BSON_VERSION = Symbol.for('@@mdb.bson.version');

class BSONUndefined {
  get _bsontype(): 'Undefined' {
    return 'Undefined';
  }

  /** The bson library refuses values of another major version; this one is of none. */
  get [BSON_VERSION](): 6 {
    return 6;
  }

  /** Extended JSON, canonical and relaxed alike. */
  toExtendedJSON(): { $undefined: true } {
    return { $undefined: true };
  }

  toJSON(): { $undefined: true } {
    return { $undefined: true };
  }

  /** The bson serializer writes what this returns: null, as the drivers do. */
  toBSON(): null {
    return null;
  }
}

/** The one BSON undefined value. */
export const BSON_UNDEFINED: unknown = Object.freeze(new BSONUndefined());

export function isBsonUndefined(v: unknown): boolean {
  return v === BSON_UNDEFINED;
}
