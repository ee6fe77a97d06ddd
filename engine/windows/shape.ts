/** Output shape of a window stage: its inner pipeline's output, plus the window bounds in the metadata. */
import { obj, scalar, setPath, type Shape } from '../parse/shape';
import type { ShapeContext } from '../parse/types';
import type { Value } from '../core/types';

export function windowShape(input: Shape, _arg: Value, ctx: ShapeContext): Shape {
  return setPath(ctx.inner ?? input, '_stream_meta.window', obj({ start: scalar('date'), end: scalar('date') }));
}
