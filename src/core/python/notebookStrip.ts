/**
 * Streams a notebook's JSON text and empties every string under "outputs" and "attachments"
 * (images, HTML, data: usually most of a big notebook's bytes), so that a 100 MB notebook parses
 * as a few kilobytes. The result is valid JSON with the same structure; code and metadata are kept
 * verbatim. Feed text in chunks of any size with {@link NotebookStripper.push}.
 */
const DROP_KEYS = new Set(['outputs', 'attachments']);

interface Frame {
  object: boolean;
  /** Inside an object: the next string is a key. */
  expectKey: boolean;
  key: string | null;
  /** Strings below this container are emptied. */
  drop: boolean;
}

export class NotebookStripper {
  private readonly out: string[] = [];
  private readonly stack: Frame[] = [];
  private inString = false;
  private escape = false;
  private isKey = false;
  private dropString = false;
  private key = '';

  push(chunk: string): void {
    let seg = 0; // start of the slice still to copy
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escape) {
          this.escape = false;
          if (this.isKey) this.key += chunk[i];
          continue;
        }
        if (c === 92) {
          this.escape = true;
          continue;
        }
        if (c === 34) {
          this.inString = false;
          if (this.dropString) seg = i; // resume copying at the closing quote
          if (this.isKey) {
            const top = this.stack[this.stack.length - 1];
            if (top) top.key = this.key;
          }
          continue;
        }
        if (this.isKey && this.key.length < 64) this.key += chunk[i];
        continue;
      }
      const top = this.stack[this.stack.length - 1];
      if (c === 34) {
        this.inString = true;
        this.isKey = !!top && top.object && top.expectKey;
        this.key = '';
        this.dropString = !this.isKey && this.valueDropped(top);
        if (this.dropString) {
          this.out.push(chunk.slice(seg, i + 1));
          seg = chunk.length;
        }
      } else if (c === 123 || c === 91) {
        this.stack.push({ object: c === 123, expectKey: c === 123, key: null, drop: this.valueDropped(top) });
      } else if (c === 125 || c === 93) {
        this.stack.pop();
      } else if (c === 58) {
        if (top?.object) top.expectKey = false;
      } else if (c === 44) {
        if (top?.object) top.expectKey = true;
      }
      if (this.dropString && !this.inString) this.dropString = false;
    }
    if (seg < chunk.length && !(this.inString && this.dropString)) this.out.push(chunk.slice(seg));
  }

  /** The stripped JSON text. */
  end(): string {
    return this.out.join('');
  }

  private valueDropped(parent: Frame | undefined): boolean {
    return !!parent && (parent.drop || (parent.object && parent.key !== null && DROP_KEYS.has(parent.key)));
  }
}
