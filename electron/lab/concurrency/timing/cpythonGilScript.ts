/**
 * What the gil scenario's CPython process runs (`python3 -c`): the same counting loop twice one
 * after the other, on two threads, and in two forked processes, each timed; every thread and
 * process names itself in /proc. It prints a `report: {json}` line for each figure, read by
 * pythonReports.ts, and a plain line for the output panel. argv[1] is the iteration count.
 */
export const cpythonGilScript = String.raw`
import json, os, sys, sysconfig, threading, time

n = int(sys.argv[1])

def report(**fields):
    print('report: ' + json.dumps(fields), flush=True)

def name(label):
    try:
        with open('/proc/thread-self/comm', 'w') as comm:
            comm.write(label)
    except OSError:
        pass

def loop():
    total = 0
    for i in range(n):
        total += i
    return total

def timed(run):
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000

def sequential():
    loop()
    loop()

def threads():
    def body(k):
        name('gil-thread-%d' % k)
        loop()
    started = [threading.Thread(target=body, args=(k,)) for k in (1, 2)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()

def processes():
    pids = []
    for k in (1, 2):
        pid = os.fork()
        if pid == 0:
            name('gil-proc-%d' % k)
            loop()
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)

gil = getattr(sys, '_is_gil_enabled', lambda: True)()
report(type='python', executable=sys.executable, version=sys.version.split()[0], gilEnabled=bool(gil),
       freeThreadedBuild=bool(sysconfig.get_config_var('Py_GIL_DISABLED')))
print('CPython %s, GIL %s' % (sys.version.split()[0], 'enabled' if gil else 'disabled'), flush=True)
for mode, workers, run in (('sequential', 1, sequential), ('threads', 2, threads), ('processes', 2, processes)):
    ms = timed(run)
    print('%s: two loops of %d in %.0f ms' % (mode, n, ms), flush=True)
    report(type='run', mode=mode, workers=workers, wallMs=ms)
`;
