import { describe, expect, it } from 'vitest';
import { FairQueue, type QueueItem } from './fair-queue';

type Item = QueueItem & { name: string };
const item = (clientId: number, name: string, priority: Item['priority'] = 'interactive'): Item => ({
  clientId,
  name,
  priority,
});

function drain(queue: FairQueue<Item>): string[] {
  const out: string[] = [];
  for (let next = queue.shift(); next; next = queue.shift()) out.push(next.name);
  return out;
}

describe('FairQueue', () => {
  it('serves interactive requests before background ones', () => {
    const q = new FairQueue<Item>();
    q.push(item(1, 'bg1', 'background'));
    q.push(item(2, 'ui1'));
    q.push(item(1, 'bg2', 'background'));
    q.push(item(3, 'ui2'));
    expect(drain(q)).toEqual(['ui1', 'ui2', 'bg1', 'bg2']);
  });

  it('lets clients take turns so one busy tab cannot starve another', () => {
    const q = new FairQueue<Item>();
    for (const n of ['a1', 'a2', 'a3']) q.push(item(1, n));
    q.push(item(2, 'b1'));
    q.push(item(2, 'b2'));
    expect(drain(q)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });

  it('predicts the serving order without serving', () => {
    const q = new FairQueue<Item>();
    q.push(item(1, 'a1'));
    q.push(item(1, 'a2'));
    q.push(item(2, 'b1', 'background'));
    q.push(item(3, 'c1'));
    expect(q.order().map((i) => i.name)).toEqual(['a1', 'c1', 'a2', 'b1']);
    expect(q.size).toBe(4);
    expect(drain(q)).toEqual(['a1', 'c1', 'a2', 'b1']);
  });

  it("removes a client's items", () => {
    const q = new FairQueue<Item>();
    q.push(item(1, 'a1'));
    q.push(item(2, 'b1'));
    q.push(item(1, 'a2'));
    expect(q.remove((i) => i.clientId === 1).map((i) => i.name)).toEqual(['a1', 'a2']);
    expect(drain(q)).toEqual(['b1']);
  });
});
