#!/usr/bin/env python3
"""Class histogram of the objects of an HPROF heap dump whose addresses lie in [LO, HI): e.g. a survivor space.

usage: bench/tools/hprof-space.py DUMP LO HI [TOP]
  jcmd PID GC.heap_info                      # the spaces' address ranges (serial collector: "from space … [lo, top, end)")
  jcmd PID GC.heap_dump -all /tmp/x.hprof    # -all keeps unreachable objects, so the dump is taken as the heap is
Object ids in HotSpot dumps are addresses, so the objects of one space are those whose id lies in its range.
Sizes are approximate (the dump does not record headers or compressed references).
"""
import struct
import sys
from collections import Counter

BASIC = {2: None, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
PRIM_NAME = {4: 'boolean[]', 5: 'char[]', 6: 'float[]', 7: 'double[]', 8: 'byte[]', 9: 'short[]', 10: 'int[]',
             11: 'long[]'}


def main():
    path, lo, hi = sys.argv[1], int(sys.argv[2], 16), int(sys.argv[3], 16)
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 40
    data = open(path, 'rb').read()
    end = data.index(b'\0')
    idsize = struct.unpack_from('>I', data, end + 1)[0]
    fmt_id = '>Q' if idsize == 8 else '>I'
    BASIC[2] = idsize
    pos = end + 1 + 4 + 8
    strings, class_name = {}, {}
    counts, sizes = Counter(), Counter()
    inst_size = {}

    def rid(p):
        return struct.unpack_from(fmt_id, data, p)[0]

    while pos < len(data):
        tag = data[pos]
        length = struct.unpack_from('>I', data, pos + 5)[0]
        body = pos + 9
        if tag == 0x01:
            strings[rid(body)] = data[body + idsize:body + length].decode('utf-8', 'replace')
        elif tag == 0x02:
            class_name[rid(body + 4)] = strings.get(rid(body + 8 + idsize), '?').replace('/', '.')
        elif tag in (0x0C, 0x1C):
            p, stop = body, body + length
            while p < stop:
                sub = data[p]
                p += 1
                if sub == 0xFF or sub == 0x05 or sub == 0x07:
                    p += idsize
                elif sub == 0x01:
                    p += 2 * idsize
                elif sub in (0x02, 0x03, 0x08):
                    p += idsize + 8
                elif sub in (0x04, 0x06):
                    p += idsize + 4
                elif sub == 0x20:
                    cls = rid(p)
                    p += idsize + 4 + 6 * idsize
                    inst_size[cls] = struct.unpack_from('>I', data, p)[0]
                    p += 4
                    n = struct.unpack_from('>H', data, p)[0]
                    p += 2
                    for _ in range(n):
                        t = data[p + 2]
                        p += 3 + BASIC[t]
                    n = struct.unpack_from('>H', data, p)[0]
                    p += 2
                    for _ in range(n):
                        t = data[p + idsize]
                        p += idsize + 1 + BASIC[t]
                    n = struct.unpack_from('>H', data, p)[0]
                    p += 2 + n * (idsize + 1)
                elif sub == 0x21:
                    obj = rid(p)
                    cls = rid(p + idsize + 4)
                    nbytes = struct.unpack_from('>I', data, p + 2 * idsize + 4)[0]
                    if lo <= obj < hi:
                        name = class_name.get(cls, hex(cls))
                        counts[name] += 1
                        sizes[name] += 12 + nbytes
                    p += 2 * idsize + 8 + nbytes
                elif sub == 0x22:
                    obj = rid(p)
                    n = struct.unpack_from('>I', data, p + idsize + 4)[0]
                    cls = rid(p + idsize + 8)
                    if lo <= obj < hi:
                        name = class_name.get(cls, hex(cls))
                        counts[name] += 1
                        sizes[name] += 16 + 4 * n
                    p += 2 * idsize + 8 + n * idsize
                elif sub == 0x23:
                    obj = rid(p)
                    n = struct.unpack_from('>I', data, p + idsize + 4)[0]
                    t = data[p + idsize + 8]
                    if lo <= obj < hi:
                        counts[PRIM_NAME[t]] += 1
                        sizes[PRIM_NAME[t]] += 16 + BASIC[t] * n
                    p += idsize + 9 + n * BASIC[t]
                else:
                    raise SystemExit('unknown heap sub-record 0x%x at %d' % (sub, p - 1))
        pos = body + length
    total_n, total_b = sum(counts.values()), sum(sizes.values())
    print('objects %d, ~%d bytes in [%x, %x)' % (total_n, total_b, lo, hi))
    for name, n in counts.most_common(top):
        print('%8d %10d  %s' % (n, sizes[name], name))


if __name__ == '__main__':
    main()
