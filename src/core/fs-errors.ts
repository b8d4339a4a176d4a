/**
 * Why a file the user named could not be read or written, in words (not errno codes), for
 * bad-input messages.
 */
export function describeFsError(err: unknown, op: 'read' | 'write'): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOENT: op === 'read' ? 'no such file' : 'its folder does not exist',
    EISDIR: op === 'read' ? 'it is a directory' : 'it is a folder',
    EACCES: 'permission denied',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EEXIST: 'a file of that name exists',
  };
  return (code && reasons[code]) ?? (err instanceof Error ? err.message : String(err));
}
