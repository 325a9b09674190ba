/** The fix target of an audit. Zod-free: the popup's first paint and the fix guides load it (engine/fix.ts). */
import type { Detection, FixTarget } from '../utils/platform/platforms';

/** The fix target guides should speak to first: a confidently detected builder, else a host, else none. */
export function primaryTarget(platforms: readonly Pick<Detection<string>, 'id' | 'kind' | 'confidence'>[]): FixTarget | undefined {
  const sure = platforms.filter((p) => p.confidence !== 'low');
  return (sure.find((p) => p.kind === 'platform') ?? sure.find((p) => p.kind === 'host'))?.id as FixTarget | undefined;
}
