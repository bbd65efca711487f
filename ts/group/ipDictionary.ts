/** Destination IPs as small integer ids for the engines, and back. */
export class IpDictionary {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];

  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.ids.set(text, id);
      this.texts.push(text);
    }
    return id;
  }

  text(id: number): string {
    return this.texts[id] as string;
  }

  /** Every IP text, by id. */
  allTexts(): readonly string[] {
    return this.texts;
  }

  /** `rank[id]`: the position of the IP's text in ascending string order (the top-IP tie rule). */
  stringRanks(): Uint32Array {
    const order = this.texts.map((_, id) => id).sort((a, b) => compareText(this.texts[a] as string, this.texts[b] as string));
    const rank = new Uint32Array(this.texts.length);
    order.forEach((id, position) => {
      rank[id] = position;
    });
    return rank;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
