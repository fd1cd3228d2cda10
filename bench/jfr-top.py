#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording: samples per thread, methods of the app and its
libraries by inclusive samples, and the deepest app frame (file:line) of each sample.
Usage: bench/jfr-top.py RECORDING.jfr [N]   (runs `jfr print --stack-depth 64 --events jdk.ExecutionSample`)"""
import collections
import re
import subprocess
import sys

OWN = ('org.tokendesk', 'okhttp3', 'okio', 'picocli', 'com.fasterxml')
text = subprocess.run(['jfr', 'print', '--stack-depth', '64', '--events', 'jdk.ExecutionSample', sys.argv[1]],
                      check=True, capture_output=True, text=True).stdout
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
samples = text.split('jdk.ExecutionSample')[1:]
threads, inclusive, deepest = collections.Counter(), collections.Counter(), collections.Counter()
for sample in samples:
    thread = re.search(r'sampledThread = "([^"]*)"', sample)
    threads[re.sub(r'\d+', 'N', thread.group(1) if thread else '?')] += 1
    frames = re.findall(r'^\s+([\w$.<>/]+)\(.*line: (\d+)', sample, re.M)
    seen = set()
    for method, _ in frames:
        if method.startswith(OWN) and method not in seen:
            inclusive[method] += 1
            seen.add(method)
    app = [m + ':' + line for m, line in frames if m.startswith('org.tokendesk')]
    deepest[app[0] if app else '(JDK only) ' + (frames[-1][0] if frames else '?')] += 1
print(f'{len(samples)} samples; threads: ' + ', '.join(f'{t} {c}' for t, c in threads.most_common(6)))
print('inclusive:')
for method, count in inclusive.most_common(n):
    print(f'  {count:4d} {100 * count / len(samples):3.0f}% {method}')
print('deepest app frame:')
for frame, count in deepest.most_common(n // 2):
    print(f'  {count:4d} {100 * count / len(samples):3.0f}% {frame}')
