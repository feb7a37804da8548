/*
 * The C reference of vrsim's flow-table lookup benchmark: the same algorithm as
 * src/dataplane/flow-table.ts, in C, over the same keys in the same access order, so that
 * "x of C" is a ratio measured in the same window on the same machine.
 *
 * Algorithm (mirrors flow-table.ts, flow-key-words.ts, flow-overflow.ts and jhash.ts):
 * - vr_hash() (Bob Jenkins' lookup3, tf-vrouter include/vr_hash.h) over the packed 20-byte
 *   struct vr_inet_flow: [family, proto, 0, 0] [sport, dport in network order] [nh] [sip] [dip];
 * - buckets of 4 slots, bucket = hash & (entries - 4) when entries is a power of two, else
 *   (hash % entries) & ~3; a 16-byte key per slot (4 int32 words: meta, ports, sip, dip), so
 *   the 4 slots of a bucket are one 64-byte line;
 * - overflow slots chained per bucket (newest first) off a chain-head array, the CHAIN bit on
 *   slot 3's meta word telling a miss whether to read the chain;
 * - a single lookup hashes, reads the bucket, compares, and walks the chain only when CHAIN is set;
 * - the batched lookup hashes 16 keys, prefetches their buckets, then compares (what
 *   FlowTable.lookupBatch does with a touch load; here __builtin_prefetch).
 *
 * Input (written by bench/lib/c-reference.ts): little-endian int32 words
 *   "VRFK" magic, entries, overflow, live count n, query count q,
 *   then live, hits and misses as 6 columns each (proto, nh, sport, dport, sip, dip).
 * Output: one JSON line with ops/s per repeat for hit, miss, hit-batch and miss-batch.
 * Exit 2 with a message on bad input or when a lookup finds a wrong answer.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define KW_VALID 1u
#define KW_CHAIN 8u
#define PROTO_SHIFT 4
#define NH_SHIFT 12
#define BATCH 16
#define CHUNK 1024

typedef struct {
  int32_t n;
  int32_t *proto, *nh, *sport, *dport, *sip, *dip;
} columns;

static int32_t *kw;          /* 4 words per slot */
static int32_t *chain_head;  /* per bucket */
static int32_t *next_of;     /* per overflow slot */
static int32_t free_head;
static uint32_t entries, overflow, mask;
static int pow2;

static inline uint32_t rol(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static inline uint32_t bswap(uint32_t x) { return __builtin_bswap32(x); }

/* hashInet4Key of jhash.ts: one 12-byte block, then the final mix over the last 8 bytes. */
static inline uint32_t hash4(uint32_t proto, uint32_t sport, uint32_t dport, uint32_t nh, uint32_t sip, uint32_t dip) {
  uint32_t a = 0xdeadbeefu + 20u, b = a, c = a;
  a += 2u | (proto << 8);
  b += (sport >> 8) | ((sport & 0xffu) << 8) | ((dport >> 8) << 16) | ((dport & 0xffu) << 24);
  c += nh;
  a -= c; a ^= rol(c, 4); c += b;
  b -= a; b ^= rol(a, 6); a += c;
  c -= b; c ^= rol(b, 8); b += a;
  a -= c; a ^= rol(c, 16); c += b;
  b -= a; b ^= rol(a, 19); a += c;
  c -= b; c ^= rol(b, 4); b += a;
  a += bswap(sip);
  b += bswap(dip);
  c ^= b; c -= rol(b, 14);
  a ^= c; a -= rol(c, 11);
  b ^= a; b -= rol(a, 25);
  c ^= b; c -= rol(b, 16);
  a ^= c; a -= rol(c, 4);
  b ^= a; b -= rol(a, 14);
  c ^= b; c -= rol(b, 24);
  return c;
}

static inline uint32_t bucket_of(uint32_t h) { return pow2 ? (h & mask) : ((h % entries) & ~3u); }
static inline int32_t meta_of(int32_t proto, int32_t nh) { return (int32_t)(KW_VALID | ((uint32_t)proto << PROTO_SHIFT) | ((uint32_t)nh << NH_SHIFT)); }
static inline int32_t ports_of(int32_t sport, int32_t dport) { return (int32_t)(((uint32_t)sport << 16) | (uint32_t)dport); }

static inline int32_t lookup_hashed(uint32_t h, int32_t meta, int32_t ports, int32_t sip, int32_t dip) {
  uint32_t bucket = bucket_of(h);
  const int32_t *w = kw + (size_t)bucket * 4;
  for (int i = 0; i < 4; i++, w += 4) {
    if (w[2] == sip && w[3] == dip && w[1] == ports && (w[0] & ~(int32_t)KW_CHAIN) == meta) return (int32_t)(bucket + i);
  }
  if ((kw[(size_t)(bucket + 3) * 4] & (int32_t)KW_CHAIN) == 0) return -1;
  for (int32_t o = chain_head[bucket >> 2]; o >= 0; o = next_of[o - (int32_t)entries]) {
    const int32_t *x = kw + (size_t)o * 4;
    if (x[2] == sip && x[3] == dip && x[1] == ports && x[0] == meta) return o;
  }
  return -1;
}

static int insert(int32_t proto, int32_t nh, int32_t sport, int32_t dport, int32_t sip, int32_t dip) {
  uint32_t h = hash4((uint32_t)proto, (uint32_t)sport, (uint32_t)dport, (uint32_t)nh, (uint32_t)sip, (uint32_t)dip);
  uint32_t bucket = bucket_of(h);
  int32_t index = -1;
  for (uint32_t i = bucket; i < bucket + 4; i++) {
    if ((kw[(size_t)i * 4] & (int32_t)KW_VALID) == 0) { index = (int32_t)i; break; }
  }
  if (index < 0) {
    if (free_head < 0) return -1;
    index = free_head;
    free_head = next_of[index - (int32_t)entries];
    next_of[index - (int32_t)entries] = chain_head[bucket >> 2];
    chain_head[bucket >> 2] = index;
    kw[(size_t)(bucket + 3) * 4] |= (int32_t)KW_CHAIN;
  }
  int32_t *w = kw + (size_t)index * 4;
  w[0] = meta_of(proto, nh) | (w[0] & (int32_t)KW_CHAIN);
  w[1] = ports_of(sport, dport);
  w[2] = sip;
  w[3] = dip;
  return index;
}

static volatile int64_t sink;

/* One chunk of CHUNK single lookups starting at *cursor; returns the number found. */
static int64_t chunk_single(const columns *q, int32_t *cursor) {
  int64_t found = 0;
  int32_t i = *cursor;
  for (int c = 0; c < CHUNK; c++) {
    uint32_t h = hash4((uint32_t)q->proto[i], (uint32_t)q->sport[i], (uint32_t)q->dport[i], (uint32_t)q->nh[i], (uint32_t)q->sip[i], (uint32_t)q->dip[i]);
    int32_t r = lookup_hashed(h, meta_of(q->proto[i], q->nh[i]), ports_of(q->sport[i], q->dport[i]), q->sip[i], q->dip[i]);
    found += r >= 0;
    sink ^= r;
    if (++i == q->n) i = 0;
  }
  *cursor = i;
  return found;
}

static int64_t chunk_batch(const columns *q, int32_t *cursor) {
  int64_t found = 0;
  int32_t i = *cursor;
  uint32_t hs[BATCH];
  int32_t at[BATCH];
  for (int c = 0; c < CHUNK; c += BATCH) {
    for (int j = 0; j < BATCH; j++) {
      at[j] = i;
      hs[j] = hash4((uint32_t)q->proto[i], (uint32_t)q->sport[i], (uint32_t)q->dport[i], (uint32_t)q->nh[i], (uint32_t)q->sip[i], (uint32_t)q->dip[i]);
      __builtin_prefetch(kw + (size_t)bucket_of(hs[j]) * 4);
      if (++i == q->n) i = 0;
    }
    for (int j = 0; j < BATCH; j++) {
      int32_t k = at[j];
      int32_t r = lookup_hashed(hs[j], meta_of(q->proto[k], q->nh[k]), ports_of(q->sport[k], q->dport[k]), q->sip[k], q->dip[k]);
      found += r >= 0;
      sink ^= r;
    }
  }
  *cursor = i;
  return found;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ops/s of `chunk` over `q` for at least min_s seconds; checks every lookup's answer. */
static double measure(int64_t (*chunk)(const columns *, int32_t *), const columns *q, int expect_hit, double min_s) {
  int32_t cursor = 0;
  for (int warm = 0; warm < 64; warm++) chunk(q, &cursor);
  int64_t ops = 0, found = 0;
  double t0 = now_s(), t;
  do {
    for (int k = 0; k < 16; k++) { found += chunk(q, &cursor); ops += CHUNK; }
    t = now_s();
  } while (t - t0 < min_s);
  if (found != (expect_hit ? ops : 0)) {
    fprintf(stderr, "flow-lookup: %s lookups gave %lld found of %lld\n", expect_hit ? "hit" : "miss", (long long)found, (long long)ops);
    exit(2);
  }
  return (double)ops / (t - t0);
}

static int32_t *read_words(FILE *f, size_t n) {
  int32_t *p = malloc(n * sizeof(int32_t));
  if (p == NULL || fread(p, sizeof(int32_t), n, f) != n) { fprintf(stderr, "flow-lookup: input file is truncated\n"); exit(2); }
  return p;
}

static columns read_columns(FILE *f, int32_t n) {
  columns c = { n, 0, 0, 0, 0, 0, 0 };
  c.proto = read_words(f, (size_t)n); c.nh = read_words(f, (size_t)n); c.sport = read_words(f, (size_t)n);
  c.dport = read_words(f, (size_t)n); c.sip = read_words(f, (size_t)n); c.dip = read_words(f, (size_t)n);
  return c;
}

int main(int argc, char **argv) {
  if (argc != 4) { fprintf(stderr, "usage: flow-lookup <input> <min seconds> <repeats>\n"); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (f == NULL) { fprintf(stderr, "flow-lookup: cannot open %s\n", argv[1]); return 2; }
  double min_s = atof(argv[2]);
  int repeats = atoi(argv[3]);
  int32_t *hdr = read_words(f, 5);
  if (memcmp(hdr, "VRFK", 4) != 0 || hdr[1] <= 0 || hdr[1] % 4 != 0 || hdr[2] < 0 || hdr[3] <= 0 || hdr[4] <= 0 || repeats <= 0) {
    fprintf(stderr, "flow-lookup: bad header\n");
    return 2;
  }
  entries = (uint32_t)hdr[1];
  overflow = (uint32_t)hdr[2];
  pow2 = (entries & (entries - 1)) == 0;
  mask = entries - 4;
  columns live = read_columns(f, hdr[3]);
  columns hits = read_columns(f, hdr[4]);
  columns misses = read_columns(f, hdr[4]);
  fclose(f);

  kw = calloc((size_t)(entries + overflow) * 4, sizeof(int32_t));
  chain_head = malloc((size_t)(entries / 4) * sizeof(int32_t));
  next_of = malloc((size_t)(overflow > 0 ? overflow : 1) * sizeof(int32_t));
  if (kw == NULL || chain_head == NULL || next_of == NULL) { fprintf(stderr, "flow-lookup: out of memory\n"); return 2; }
  for (uint32_t b = 0; b < entries / 4; b++) chain_head[b] = -1;
  for (uint32_t o = 0; o < overflow; o++) next_of[o] = o + 1 < overflow ? (int32_t)(entries + o + 1) : -1;
  free_head = overflow > 0 ? (int32_t)entries : -1;
  for (int32_t i = 0; i < live.n; i++) {
    if (insert(live.proto[i], live.nh[i], live.sport[i], live.dport[i], live.sip[i], live.dip[i]) < 0) {
      fprintf(stderr, "flow-lookup: table full at %d of %d\n", i, live.n);
      return 2;
    }
  }

  printf("{\"entries\":%u,\"overflow\":%u,\"live\":%d", entries, overflow, live.n);
  const char *names[4] = { "hit", "miss", "hitBatch", "missBatch" };
  for (int v = 0; v < 4; v++) {
    printf(",\"%s\":[", names[v]);
    for (int r = 0; r < repeats; r++) {
      const columns *q = (v % 2 == 0) ? &hits : &misses;
      double ops = measure(v < 2 ? chunk_single : chunk_batch, q, v % 2 == 0, min_s);
      printf("%s%.0f", r ? "," : "", ops);
    }
    printf("]");
  }
  printf("}\n");
  return 0;
}
