import type { EntityManager } from 'typeorm';
import type { CausesService } from '@causeway/causes';
import { FollowSource } from '@causeway/follows';
import type { QueueConfig } from '@causeway/config';
import type { Outbox } from '@causeway/outbox';
import type { EventBus } from '@causeway/queue';
import type { UpdatesRepository } from '@causeway/updates';
import type { FollowsRepository } from '@causeway/follows';
import type { FanOutRepository } from './fan-out.repository';
import type { FeedRepository } from './feed.repository';
import { FanOutService } from './fan-out.service';

/**
 * The chunk planning rule of the fan-out (`planChunks`): each source's followers cut into keyset
 * ranges of FANOUT_CHUNK_SIZE, numbered across sources. Its look-ups are answered here by
 * in-memory fakes of its repositories (the SQL itself is covered by the fan-out's end-to-end tests).
 */
const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const MIN = '00000000-0000-0000-0000-000000000000';

interface Chunk {
  seq: number;
  source_kind: FollowSource;
  source_id: string;
  after_follower: string;
  last_follower: string | null;
}

function plan(
  followers: Record<string, string[]>,
  update: { organization_id: string | null; causes: string[] },
  chunkSize: number,
  parents: Record<string, string> = {},
) {
  const inserted: Chunk[][] = [];
  const after = (kind: string, source: string, from: string) =>
    (followers[`${kind}:${source}`] ?? []).filter((f) => f > from).sort();
  // The repositories' answers, from an in-memory `follows` (their SQL is covered end to end).
  const follows = {
    followerAtOffset: (_em: unknown, kind: string, source: string, from: string, offset: number) =>
      Promise.resolve(after(kind, source, from)[offset] ?? null),
    hasFollowerAfter: (_em: unknown, kind: string, source: string, from: string) =>
      Promise.resolve(after(kind, source, from).length > 0),
  } as unknown as FollowsRepository;
  const updates = {
    causeIdsOf: () => Promise.resolve(update.causes),
  } as unknown as UpdatesRepository;
  const ledger = {
    insertChunks: (_em: unknown, _updateId: string, chunks: Chunk[]) => {
      if (chunks.length > 0) inserted.push(chunks);
      return Promise.resolve();
    },
  } as unknown as FanOutRepository;
  const causes = {
    withAncestors: (ids: readonly string[]) => {
      const out = new Set<string>();
      for (const start of ids) {
        for (let c: string | undefined = start; c; c = parents[c]) out.add(c);
      }
      return Promise.resolve([...out]);
    },
  } as unknown as CausesService;
  const sut = new FanOutService(
    {} as never,
    causes,
    updates,
    follows,
    ledger,
    {} as FeedRepository,
    {} as Outbox,
    {} as EventBus,
    { fanOutChunkSize: chunkSize } as QueueConfig,
  );
  const planChunks = (
    sut as unknown as {
      planChunks(em: EntityManager, update: object): Promise<Chunk[]>;
    }
  ).planChunks.bind(sut);
  return {
    chunks: planChunks({} as EntityManager, {
      id: 'u1',
      author_id: id(900),
      organization_id: update.organization_id,
      created_at: new Date(0),
      gone: false,
    }).then((cs) =>
      cs.map(({ seq, source_kind, source_id, after_follower, last_follower }) => ({
        seq,
        source_kind,
        source_id,
        after_follower,
        last_follower,
      })),
    ),
    inserted,
  };
}

describe('FanOutService.planChunks', () => {
  it('cuts one source of 5 followers into ranges of 2: (min, f2], (f2, f4], (f4, end)', async () => {
    const { chunks, inserted } = plan(
      { [`ORGANIZATION:${id(100)}`]: [1, 2, 3, 4, 5].map(id) },
      { organization_id: id(100), causes: [] },
      2,
    );
    expect(await chunks).toEqual([
      {
        seq: 0,
        source_kind: FollowSource.ORGANIZATION,
        source_id: id(100),
        after_follower: MIN,
        last_follower: id(2),
      },
      {
        seq: 1,
        source_kind: FollowSource.ORGANIZATION,
        source_id: id(100),
        after_follower: id(2),
        last_follower: id(4),
      },
      {
        seq: 2,
        source_kind: FollowSource.ORGANIZATION,
        source_id: id(100),
        after_follower: id(4),
        last_follower: null,
      },
    ]);
    expect(inserted).toHaveLength(1);
  });

  it('ends with a closed range and no empty chunk when the followers fill the last range exactly', async () => {
    const { chunks } = plan(
      { [`ORGANIZATION:${id(100)}`]: [1, 2, 3, 4].map(id) },
      { organization_id: id(100), causes: [] },
      2,
    );
    expect((await chunks).map((c) => [c.after_follower, c.last_follower])).toEqual([
      [MIN, id(2)],
      [id(2), id(4)],
    ]);
  });

  it('numbers chunks across the organization and each cause with its ancestors; skips sources nobody follows', async () => {
    const { chunks } = plan(
      {
        [`ORGANIZATION:${id(100)}`]: [id(1)],
        [`CAUSE:${id(201)}`]: [id(1), id(2), id(3)],
        [`CAUSE:${id(200)}`]: [id(4)],
      },
      { organization_id: id(100), causes: [id(201), id(300)] },
      2,
      { [id(201)]: id(200) },
    );
    expect((await chunks).map((c) => [c.seq, c.source_kind, c.source_id])).toEqual([
      [0, FollowSource.ORGANIZATION, id(100)],
      [1, FollowSource.CAUSE, id(200)],
      [2, FollowSource.CAUSE, id(201)],
      [3, FollowSource.CAUSE, id(201)],
    ]);
  });

  it("plans the author's followers for a personal update, and writes nothing when there are none", async () => {
    const withFollowers = plan(
      { [`USER:${id(900)}`]: [id(1)] },
      { organization_id: null, causes: [] },
      2,
    );
    expect(
      (await withFollowers.chunks).map((c) => [c.source_kind, c.source_id, c.last_follower]),
    ).toEqual([[FollowSource.USER, id(900), null]]);
    const alone = plan({}, { organization_id: null, causes: [] }, 2);
    expect(await alone.chunks).toEqual([]);
    expect(alone.inserted).toEqual([]);
  });
});
