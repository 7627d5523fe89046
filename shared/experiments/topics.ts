/**
 * The course: every topic of the syllabus (../shared/syllabus/, part 7 systems programming with 12 questions and
 * part 8 network programming with 19), in its order, each with what it teaches and the experiments that show it on
 * this machine. Declared once, here; `experiments.list` adds whether each experiment can run here, and the
 * Experiments view draws the course from it. The texts are Loopscope's own, in both languages the UI speaks.
 */

import type { Bilingual, Experiment, ExperimentAction, ExperimentFocus, ExperimentView, SyllabusPart, Topic } from '../schemas/experiments.js';

/** The syllabus's two parts, in its order, with their numbers there (七 and 八). */
export const syllabusParts: ReadonlyArray<{ part: SyllabusPart; number: number; title: Bilingual }> = [
  { part: 'systems', number: 7, title: { en: 'Systems programming', zh: '系统编程' } },
  { part: 'network', number: 8, title: { en: 'Network programming', zh: '网络编程' } },
];

const scenario = (id: string, scenarioId: string, opens: ExperimentView, watch: Bilingual, focus: ExperimentFocus = 'process'): Experiment => ({
  id,
  action: { kind: 'scenario', scenario: scenarioId },
  opens,
  focus,
  watch,
});

const request = (id: string, action: Omit<Extract<ExperimentAction, { kind: 'request' }>, 'kind'>, watch: Bilingual): Experiment => ({
  id,
  action: { kind: 'request', ...action },
  opens: 'http',
  focus: 'exchange',
  watch,
});

const systems: Topic[] = [
  {
    id: 'process',
    part: 'systems',
    question: 1,
    title: { en: 'Processes: Process, Queue and Pool', zh: '进程：Process、Queue 与 Pool' },
    teaches: {
      en: 'A process is a running program with its own pid, memory and CPU time. A child gets a copy of the parent’s memory, so globals are not shared; processes talk through a Queue, and a Pool reuses a fixed set of workers.',
      zh: '进程是正在运行的程序实例，有自己的 pid、内存和 CPU 时间。子进程得到父进程内存的副本，所以全局变量不共享；进程之间用队列（Queue）通信，进程池（Pool）复用固定数量的工作进程。',
    },
    experiments: [
      {
        id: 'globals',
        action: { kind: 'task', task: 'globals', kwargs: {} },
        opens: 'processes',
        focus: 'process',
        watch: {
          en: 'The child changes its copy of a global; its output shows the new value, while the note beside it shows the parent’s copy unchanged.',
          zh: '子进程修改了它那份全局变量，输出里是新值；旁边的注释显示父进程的那份没有变。',
        },
      },
      scenario('queue', 'queue', 'processes', {
        en: 'In Pools & queues: the depth rises with each put and falls with each get, each call with the pid that made it.',
        zh: '在“进程池与队列”里：每次 put 深度上升，每次 get 深度下降，每次调用都带着调用它的 pid。',
      }),
      scenario('pool', 'pool', 'processes', {
        en: 'The Gantt lanes: which worker pid ran each task, when, and for how long; the workers are reused.',
        zh: '甘特图的泳道：每个任务由哪个工作进程（pid）执行、何时开始、用了多久；工作进程被反复使用。',
      }),
    ],
  },
  {
    id: 'processes-threads-coroutines',
    part: 'systems',
    question: 2,
    title: { en: 'Processes, threads and coroutines', zh: '多进程、多线程与协程' },
    teaches: {
      en: 'Threads live inside a process and share its memory; coroutines live inside a thread and switch only where they await. Processes run in parallel on several cores; threads may or may not, depending on the runtime.',
      zh: '线程在进程之内，共享进程的内存；协程在线程之内，只在 await 处切换。多个进程可以在多个核上并行；线程能否并行取决于运行时。',
    },
    experiments: [
      scenario('speedup', 'speedup', 'concurrency', {
        en: 'The speedup table: the same work sequentially, with threads, with processes and with async IO, against the number of workers.',
        zh: '加速比表格：同样的工作分别顺序执行、用线程、用进程、用异步 IO，随工作者数量变化。',
      }),
      scenario('coroutines', 'coroutines', 'concurrency', {
        en: 'The coroutine lanes on one thread: each await is a switch point where another coroutine runs.',
        zh: '同一线程上协程的泳道：每个 await 都是切换点，另一个协程在此运行。',
      }),
    ],
  },
  {
    id: 'race',
    part: 'systems',
    question: 3,
    title: { en: 'Races between threads', zh: '多线程竞争' },
    teaches: {
      en: 'When threads read, change and write the same value without coordination, one thread’s write can overwrite another’s: updates are lost, and the count falls short.',
      zh: '多个线程不加协调地读取、修改、写回同一个值时，一个线程的写入会覆盖另一个的：更新丢失，计数偏少。',
    },
    experiments: [
      scenario('race', 'race', 'concurrency', {
        en: 'The plain run’s final count against the expected one, and whether the threads really overlapped in time.',
        zh: '不加锁那一次的最终计数与期望值之差，以及线程是否真的在时间上重叠。',
      }),
    ],
  },
  {
    id: 'locks',
    part: 'systems',
    question: 4,
    title: { en: 'Locks and their kinds', zh: '锁及其种类' },
    teaches: {
      en: 'A lock lets one thread at a time into a critical section. A mutex is held by one thread; a reentrant lock may be taken again by the thread that holds it; a semaphore lets a fixed number in.',
      zh: '锁让同一时刻只有一个线程进入临界区。互斥锁由一个线程持有；可重入锁可被持有它的线程再次获取；信号量允许固定数量的线程同时进入。',
    },
    experiments: [
      scenario('locks', 'locks', 'concurrency', {
        en: 'Who holds each lock and who waits for it, live, as the threads take and release them.',
        zh: '每把锁由谁持有、谁在等待，随线程获取与释放实时变化。',
      }),
    ],
  },
  {
    id: 'deadlock',
    part: 'systems',
    question: 5,
    title: { en: 'Deadlock', zh: '死锁' },
    teaches: {
      en: 'Two threads each hold a lock the other wants, and both wait for ever. Taking locks in one fixed order, or giving up after a timeout, prevents it.',
      zh: '两个线程各自持有对方需要的锁，于是永远互相等待。按固定顺序加锁，或超时后放弃，都可以避免死锁。',
    },
    experiments: [
      scenario('deadlock', 'deadlock', 'concurrency', {
        en: 'The wait-for graph: the cycle drawn and named, then both remedies finishing side by side.',
        zh: '等待图：环被画出并点名，然后两种解决办法并排完成。',
      }),
    ],
  },
  {
    id: 'thread-safety',
    part: 'systems',
    question: 6,
    title: { en: 'Thread safety and the mutex', zh: '线程安全与互斥锁' },
    teaches: {
      en: 'Code is thread-safe when it gives the same result however threads interleave. A mutex around the read-modify-write, or one atomic add, makes the count exact again.',
      zh: '无论线程如何交错执行都能得到同样结果的代码是线程安全的。给“读-改-写”加互斥锁，或改用一次原子加法，计数就又准确了。',
    },
    experiments: [
      scenario('race-mutex', 'race', 'concurrency', {
        en: 'The mutex and atomic runs: the exact count every time, and the time the lock costs beside the plain run’s.',
        zh: '互斥锁与原子操作那两次：每次都得到准确计数，并与不加锁那次比较加锁花费的时间。',
      }),
    ],
  },
  {
    id: 'sync-async',
    part: 'systems',
    question: 7,
    title: { en: 'Sync, async, blocking and non-blocking', zh: '同步、异步、阻塞与非阻塞' },
    teaches: {
      en: 'A blocking call stops its thread until the answer comes; a non-blocking one returns at once and the answer arrives later, by callback or event, while the caller does other work.',
      zh: '阻塞调用让线程停下，直到结果到来；非阻塞调用立即返回，结果稍后通过回调或事件送达，调用者在此期间可以做别的事。',
    },
    experiments: [
      scenario('blocking', 'blocking', 'concurrency', {
        en: 'How often the caller’s ticker ran during each wait: not at all while blocked, throughout while evented.',
        zh: '每次等待期间调用者的计时器运行了几次：阻塞时一次也没有，事件驱动时一直在运行。',
      }),
      scenario('event-loop-block', 'event-loop-block', 'concurrency', {
        en: 'The event-loop delay chart: CPU work on the loop stalls timers; the same work in a worker does not.',
        zh: '事件循环延迟图：在事件循环上做 CPU 计算会拖住定时器；同样的工作放进工作线程则不会。',
      }),
    ],
  },
  {
    id: 'zombie-orphan',
    part: 'systems',
    question: 8,
    title: { en: 'Zombie and orphan processes', zh: '僵尸进程与孤儿进程' },
    teaches: {
      en: 'A child that has exited stays a zombie (Z) until its parent collects its exit status with wait; a child whose parent exits first is an orphan, adopted by a subreaper or init. Zombies are avoided by waiting, by a SIGCHLD handler that calls waitpid, or by forking twice.',
      zh: '已退出的子进程在父进程用 wait 取走其退出状态之前一直是僵尸进程（Z）；父进程先退出的子进程成为孤儿进程，由 subreaper 或 init 收养。避免僵尸进程的办法：wait、在 SIGCHLD 处理函数中调用 waitpid，或 fork 两次。',
    },
    experiments: [
      scenario(
        'zombie',
        'zombie',
        'processes',
        {
          en: 'The child’s row turns Z with the exit status the kernel holds; Reap collects it and the row leaves /proc.',
          zh: '子进程那一行变为 Z，并显示内核保存的退出状态；点“回收”后它从 /proc 中消失。',
        },
        'zombie',
      ),
      scenario('orphan', 'orphan', 'processes', {
        en: 'The reparented event: the orphan’s new parent pid and name, read from /proc.',
        zh: '重新归属事件：孤儿进程的新父进程 pid 与名字，读自 /proc。',
      }),
      scenario('double-fork', 'double-fork', 'processes', {
        en: 'The grandchild does the work after its parent exits, so nobody is left to become a zombie.',
        zh: '孙子进程在其父进程退出后完成工作，因而没有进程会成为僵尸。',
      }),
      scenario('sigchld', 'sigchld', 'processes', {
        en: 'The parent keeps running; its SIGCHLD handler reaps each child as it exits, with no Z row lasting.',
        zh: '父进程继续运行；它的 SIGCHLD 处理函数在每个子进程退出时回收它，Z 行不会停留。',
      }),
    ],
  },
  {
    id: 'when-process-thread',
    part: 'systems',
    question: 9,
    title: { en: 'When to use processes, when threads', zh: '进程与线程的使用场景' },
    teaches: {
      en: 'In CPython the GIL lets one thread run Python code at a time, so CPU-bound work needs processes to use several cores, while threads suit work that waits on IO.',
      zh: 'CPython 的 GIL 使同一时刻只有一个线程执行 Python 代码，所以 CPU 密集的工作要用多进程才能利用多个核，而线程适合等待 IO 的工作。',
    },
    experiments: [
      scenario('gil', 'gil', 'concurrency', {
        en: 'The times: two threads take as long as one after the other; two processes take about half.',
        zh: '耗时：两个线程与依次执行一样久；两个进程大约只要一半。',
      }),
    ],
  },
  {
    id: 'threads-concurrent-or-parallel',
    part: 'systems',
    question: 10,
    title: { en: 'Are threads concurrent or parallel?', zh: '线程是并发还是并行？' },
    teaches: {
      en: 'Threads are concurrent; whether they are also parallel depends on the cores and the runtime: under the GIL they take turns, without it they can run at once. Processes on several cores are parallel.',
      zh: '线程是并发的；是否同时也是并行取决于核数与运行时：有 GIL 时它们轮流执行，没有 GIL 时可以同时运行。多核上的多个进程是并行的。',
    },
    experiments: [
      scenario('gil-parallel', 'gil', 'concurrency', {
        en: 'CPU % per core while the threads run and while the processes run.',
        zh: '线程运行时与进程运行时每个核的 CPU 占用。',
      }),
    ],
  },
  {
    id: 'parallel-concurrent',
    part: 'systems',
    question: 11,
    title: { en: 'Parallelism and concurrency', zh: '并行与并发' },
    teaches: {
      en: 'Concurrency is dealing with several things at once by switching between them; parallelism is doing several at the same instant, which needs several cores.',
      zh: '并发是通过来回切换同时处理多件事；并行是在同一时刻做多件事，需要多个核。',
    },
    experiments: [
      scenario('speedup-cores', 'speedup', 'concurrency', {
        en: 'The speedup against the number of workers stops growing at the machine’s number of cores.',
        zh: '加速比随工作者数量增长，到机器的核数为止。',
      }),
    ],
  },
  {
    id: 'io-cpu-bound',
    part: 'systems',
    question: 12,
    title: { en: 'IO-bound against CPU-bound', zh: 'IO 密集型与 CPU 密集型' },
    teaches: {
      en: 'CPU-bound work is limited by computation and speeds up only with more cores; IO-bound work mostly waits, so many waits can overlap on one core.',
      zh: 'CPU 密集型的工作受限于计算，只有更多的核才能加速；IO 密集型的工作大多在等待，许多等待可以在一个核上重叠。',
    },
    experiments: [
      scenario('speedup-io', 'speedup', 'concurrency', {
        en: 'The two tables side by side: IO-bound work speeds up with threads and async, CPU-bound only with processes.',
        zh: '两张表并排：IO 密集型的工作用线程和异步就能加速，CPU 密集型的只有多进程才行。',
      }),
    ],
  },
];

const network: Topic[] = [
  {
    id: 'udp',
    part: 'network',
    question: 1,
    title: { en: 'UDP', zh: 'UDP' },
    teaches: {
      en: 'UDP sends datagrams with no connection: socket, optionally bind, sendto and recvfrom, close. Each datagram arrives whole or not at all, and nothing is sent before the data.',
      zh: 'UDP 不建立连接，直接发送数据报：socket、（可选的）bind、sendto 与 recvfrom、close。每个数据报要么完整到达，要么丢失，数据之前没有任何握手报文。',
    },
    experiments: [
      scenario('udp-echo', 'udp-echo', 'sockets', {
        en: 'Each step one system call; the datagram waits in the receive queue until recvfrom takes it.',
        zh: '每一步都是一次系统调用；数据报在接收队列中等待，直到 recvfrom 取走它。',
      }),
    ],
  },
  {
    id: 'tcp',
    part: 'network',
    question: 2,
    title: { en: 'TCP', zh: 'TCP' },
    teaches: {
      en: 'A TCP server calls socket, bind, listen and accept; a client calls socket and connect. The kernel completes the handshake before accept returns, and the connection is a byte stream both ways.',
      zh: 'TCP 服务器依次调用 socket、bind、listen、accept；客户端调用 socket 和 connect。握手由内核在 accept 返回之前完成，连接是双向的字节流。',
    },
    experiments: [
      scenario('tcp-handshake', 'tcp-handshake', 'sockets', {
        en: 'The kernel’s states of each end: LISTEN, SYN_SENT, ESTABLISHED, and the client waiting in the accept queue.',
        zh: '两端在内核中的状态：LISTEN、SYN_SENT、ESTABLISHED，以及在 accept 队列中等待的客户端。',
      }),
      scenario('tcp-backlog-full', 'tcp-backlog-full', 'sockets', {
        en: 'With nobody calling accept, the backlog fills and the next connect waits in SYN_SENT.',
        zh: '没有人调用 accept 时，backlog 被填满，下一个 connect 停在 SYN_SENT。',
      }),
    ],
  },
  {
    id: 'forced-close',
    part: 'network',
    question: 3,
    title: { en: 'Closing a connection by force', zh: '强行关闭连接' },
    teaches: {
      en: 'Closing with SO_LINGER set to zero sends a reset (RST) instead of a FIN: the connection ends at once, with no TIME_WAIT, and the peer’s next call fails with ECONNRESET.',
      zh: '把 SO_LINGER 设为 0 后关闭，会发送复位报文（RST）而不是 FIN：连接立即结束，没有 TIME_WAIT，对方的下一次调用以 ECONNRESET 失败。',
    },
    experiments: [
      scenario('tcp-reset', 'tcp-reset', 'sockets', {
        en: 'No FIN and no TIME_WAIT: the socket is gone at once, and the peer reads ECONNRESET.',
        zh: '没有 FIN，也没有 TIME_WAIT：套接字立刻消失，对方读到 ECONNRESET。',
      }),
    ],
  },
  {
    id: 'tcp-vs-udp',
    part: 'network',
    question: 4,
    title: { en: 'TCP against UDP', zh: 'TCP 与 UDP 的区别' },
    teaches: {
      en: 'TCP is connected, ordered and reliable, a byte stream with no message boundaries; UDP is connectionless, keeps each datagram’s boundary and promises nothing about delivery.',
      zh: 'TCP 面向连接、有序、可靠，是没有消息边界的字节流；UDP 无连接，保留每个数据报的边界，不保证送达。',
    },
    experiments: [
      scenario('udp-vs-tcp', 'udp-vs-tcp', 'sockets', {
        en: 'Three sends: UDP delivers three datagrams, TCP one stream that a single recv may read at once.',
        zh: '发送三次：UDP 交付三个数据报，TCP 交付一个字节流，一次 recv 可能全部读出。',
      }),
    ],
  },
  {
    id: 'wsgi',
    part: 'network',
    question: 5,
    title: { en: 'How a server answers a dynamic request (WSGI)', zh: '浏览器通过 WSGI 请求动态资源的过程' },
    teaches: {
      en: 'The server reads and parses the request, calls the application, which sets the status and headers and returns the body; the server then writes the response and keeps or closes the connection.',
      zh: '服务器读取并解析请求，调用应用程序；应用程序设置状态码和响应头并返回响应体；服务器随后写出响应，并保持或关闭连接。',
    },
    experiments: [
      request('pipeline', { method: 'GET', path: '/page' }, {
        en: 'The exchange’s Timing tab: accepted, read, parsed, the route called, status and headers set, body, written, kept alive.',
        zh: '该请求的“耗时”页：接受连接、读取、解析、调用路由、设置状态与头部、生成响应体、写出、保持连接。',
      }),
    ],
  },
  {
    id: 'browser-visit',
    part: 'network',
    question: 6,
    title: { en: 'What happens when a browser visits a page', zh: '浏览器访问网页的过程' },
    teaches: {
      en: 'The browser resolves the name, opens a TCP connection (TLS for https), sends a GET, parses the HTML, then requests what the page references, often over the same connection.',
      zh: '浏览器解析域名、建立 TCP 连接（https 再加 TLS）、发送 GET、解析 HTML，然后请求页面引用的资源，常常复用同一个连接。',
    },
    experiments: [
      scenario('browser-visit', 'browser-visit', 'http', {
        en: 'The log fills with the page and each resource it pulls, each naming its TCP connection.',
        zh: '日志里依次出现页面和它拉取的每个资源，每条都注明所用的 TCP 连接。',
      }, 'view'),
    ],
    limits: {
      en: 'Only loopback is reachable here: DNS recursion, ARP and routing beyond this machine are not shown; the name resolved is localhost.',
      zh: '这里只能访问回环地址：不展示 DNS 递归查询、ARP 以及本机以外的路由；解析的名字是 localhost。',
    },
  },
  {
    id: 'get-post',
    part: 'network',
    question: 7,
    title: { en: 'GET against POST', zh: 'GET 与 POST 的区别' },
    teaches: {
      en: 'GET carries its parameters in the URL’s query and should not change anything; POST carries them in the body, with a Content-Type saying how they are encoded.',
      zh: 'GET 把参数放在 URL 的查询字符串里，不应修改服务器上的数据；POST 把参数放在请求体中，并用 Content-Type 说明编码方式。',
    },
    experiments: [
      request('get', { method: 'GET', path: '/search?q=loopscope&lang=zh' }, {
        en: 'The Payload tab: the query parameters parsed from the URL; the request has no body.',
        zh: '“载荷”页：从 URL 解析出的查询参数；请求没有请求体。',
      }),
      request(
        'post',
        { method: 'POST', path: '/form', headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: 'name=Ada&course=network' },
        {
          en: 'The Payload tab: the same kind of fields, now in the request body, with their Content-Type.',
          zh: '“载荷”页：同样的字段，这次在请求体中，并带有 Content-Type。',
        },
      ),
    ],
  },
  {
    id: 'cookie-session',
    part: 'network',
    question: 8,
    title: { en: 'Cookies against sessions', zh: 'cookie 与 session 的区别' },
    teaches: {
      en: 'A cookie is kept by the client and sent back with every request; a session is kept by the server, which gives the client only its id in a cookie.',
      zh: 'cookie 保存在客户端，每次请求都会带回；session 保存在服务器端，服务器只在 cookie 里交给客户端一个会话 id。',
    },
    experiments: [
      request('login', { method: 'POST', path: '/login', headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: 'user=ada&password=loopscope' }, {
        en: 'The Cookies tab: Set-Cookie with only the session id; the Sessions panel: what the server keeps under it.',
        zh: '“Cookie”页：带会话 id 的 Set-Cookie；“会话”面板：服务器在这个 id 下保存的内容。',
      }),
    ],
  },
  {
    id: 'status-codes',
    part: 'network',
    question: 9,
    title: { en: 'Status codes', zh: 'HTTP 状态码' },
    teaches: {
      en: 'The first digit says the class: 1xx informational, 2xx success, 3xx redirection, 4xx the client’s error, 5xx the server’s.',
      zh: '第一位数字表示类别：1xx 信息，2xx 成功，3xx 重定向，4xx 客户端错误，5xx 服务器错误。',
    },
    experiments: [
      request('not-found', { method: 'GET', path: '/status/404' }, {
        en: 'The status in the log, coloured by its class; filter the log with status:4xx.',
        zh: '日志中的状态码按类别着色；用 status:4xx 过滤日志。',
      }),
      request('redirect', { method: 'GET', path: '/redirect/3' }, {
        en: 'A 302 with its Location header: where the client is sent next.',
        zh: '302 及其 Location 头部：客户端接下来被引向何处。',
      }),
    ],
  },
  {
    id: 'handshake-teardown',
    part: 'network',
    question: 10,
    title: { en: 'The three-way handshake and the four-way teardown', zh: '三次握手与四次挥手' },
    teaches: {
      en: 'SYN, SYN-ACK, ACK open a connection, each side choosing its starting sequence number; each direction is closed by its own FIN and the ACK of it, four segments in all.',
      zh: 'SYN、SYN-ACK、ACK 建立连接，双方各自选定初始序号；每个方向由各自的 FIN 及其 ACK 关闭，共四个报文段。',
    },
    experiments: [
      scenario('handshake', 'tcp-handshake', 'packets', {
        en: 'The flow diagram: SYN, SYN-ACK and ACK with their seq and ack numbers, beside each end’s state.',
        zh: '流程图：SYN、SYN-ACK、ACK 及其 seq 与 ack 序号，旁边是两端的状态。',
      }, 'view'),
      scenario('teardown', 'tcp-time-wait', 'packets', {
        en: 'The FIN and ACK of each direction, and the closer left in TIME_WAIT.',
        zh: '每个方向的 FIN 与 ACK，以及主动关闭的一方停留在 TIME_WAIT。',
      }, 'view'),
    ],
    limits: {
      en: 'The flow diagram needs packet capture (root, or tcpdump given capture rights); without it the socket states still show each step.',
      zh: '流程图需要抓包权限（root，或被授予抓包能力的 tcpdump）；没有它时，套接字的状态仍能显示每一步。',
    },
  },
  {
    id: 'two-msl',
    part: 'network',
    question: 11,
    title: { en: 'TCP’s 2MSL', zh: 'TCP 的 2MSL' },
    teaches: {
      en: 'MSL is the longest a segment may live in the network; the side that closes first waits twice that in TIME_WAIT (60 s on Linux) so its last ACK can be resent and old segments die out.',
      zh: 'MSL 是报文段在网络中的最长生存时间；先关闭的一方在 TIME_WAIT 中等待两倍于此的时间（Linux 上为 60 秒），以便重发最后的 ACK，并让旧报文段消失。',
    },
    experiments: [
      scenario('time-wait', 'tcp-time-wait', 'sockets', {
        en: 'The TIME_WAIT row’s countdown, read from the kernel, until the socket leaves the table.',
        zh: 'TIME_WAIT 那一行的倒计时（读自内核），直到套接字从表中消失。',
      }),
    ],
  },
  {
    id: 'why-time-wait',
    part: 'network',
    question: 12,
    title: { en: 'Why the client waits 2MSL in TIME_WAIT', zh: '为什么客户端在 TIME_WAIT 状态必须等待 2MSL' },
    teaches: {
      en: 'If the last ACK is lost the peer resends its FIN, and the waiting side can answer it; and no segment of the old connection can be taken for one of a new connection on the same four addresses.',
      zh: '如果最后的 ACK 丢失，对方会重发 FIN，等待中的一方还能应答；并且旧连接的报文段不会被误认为同一四元组上新连接的报文段。',
    },
    experiments: [
      scenario('restart-server', 'tcp-restart-server', 'sockets', {
        en: 'A server restarted while its old connection is in TIME_WAIT: bind fails with EADDRINUSE, and SO_REUSEADDR lets it bind.',
        zh: '旧连接处于 TIME_WAIT 时重启服务器：bind 以 EADDRINUSE 失败，设置 SO_REUSEADDR 后可以绑定。',
      }),
    ],
  },
  {
    id: 'http-https',
    part: 'network',
    question: 13,
    title: { en: 'HTTP against HTTPS', zh: 'HTTP 与 HTTPS 的区别' },
    teaches: {
      en: 'HTTPS is HTTP inside TLS: the server proves who it is with a certificate, and everything after the handshake is encrypted; the default ports are 80 and 443.',
      zh: 'HTTPS 是在 TLS 之内传输的 HTTP：服务器用证书证明身份，握手之后的内容全部加密；默认端口分别是 80 和 443。',
    },
    experiments: [
      request('https', { method: 'GET', path: '/page', tls: true }, {
        en: 'The TLS tab: the certificate, the TLS version and cipher, and the records that crossed the socket: not readable text.',
        zh: '“TLS”页：证书、TLS 版本与加密套件，以及经过套接字的记录：不是可读的明文。',
      }),
    ],
    limits: {
      en: 'The certificate is one Loopscope makes for 127.0.0.1 when it starts; no certificate authority is involved.',
      zh: '证书由 Loopscope 启动时为 127.0.0.1 自行生成，不涉及证书颁发机构。',
    },
  },
  {
    id: 'content-type',
    part: 'network',
    question: 14,
    title: { en: 'HTTP and the header that names the data type', zh: 'HTTP 协议与表示数据类型的头部' },
    teaches: {
      en: 'Content-Type says what the body is (text/html, application/json, …) and in which charset; Accept says what the client would take, and the server chooses.',
      zh: 'Content-Type 说明响应体是什么（text/html、application/json……）以及字符集；Accept 说明客户端愿意接受什么，由服务器选择。',
    },
    experiments: [
      request('negotiate', { method: 'GET', path: '/negotiate', headers: [['Accept', 'application/json']] }, {
        en: 'The response’s Content-Type follows the request’s Accept; the body is shown as its type says.',
        zh: '响应的 Content-Type 随请求的 Accept 而定；响应体按其类型显示。',
      }),
    ],
  },
  {
    id: 'methods',
    part: 'network',
    question: 15,
    title: { en: 'HTTP methods', zh: 'HTTP 请求方法' },
    teaches: {
      en: 'GET reads, HEAD reads only the headers, POST submits, PUT replaces, DELETE removes, OPTIONS asks what is allowed; the server answers a method it does not allow with 405.',
      zh: 'GET 获取，HEAD 只获取头部，POST 提交，PUT 替换，DELETE 删除，OPTIONS 询问允许哪些方法；服务器对不允许的方法回答 405。',
    },
    experiments: [
      request('options', { method: 'OPTIONS', path: '/methods' }, {
        en: 'The Allow header lists the methods; try HEAD and DELETE from the composer next.',
        zh: 'Allow 头部列出了允许的方法；接着可以在请求编辑器里试试 HEAD 和 DELETE。',
      }),
    ],
  },
  {
    id: 'socket-parameters',
    part: 'network',
    question: 16,
    title: { en: 'The parameters of a socket', zh: '创建套接字需要的参数' },
    teaches: {
      en: 'socket() takes an address family (AF_INET for IPv4, AF_INET6 for IPv6) and a type (SOCK_STREAM for TCP, SOCK_DGRAM for UDP); bind and connect take an address and a port.',
      zh: 'socket() 需要地址族（IPv4 为 AF_INET，IPv6 为 AF_INET6）和类型（TCP 为 SOCK_STREAM，UDP 为 SOCK_DGRAM）；bind 与 connect 需要地址和端口。',
    },
    experiments: [
      scenario('socket-calls', 'udp-echo', 'sockets', {
        en: 'Each step’s call with its arguments and the Python line that makes it.',
        zh: '每一步的调用及其参数，以及对应的 Python 代码行。',
      }),
    ],
  },
  {
    id: 'request-headers',
    part: 'network',
    question: 17,
    title: { en: 'Common request headers', zh: 'HTTP 常见请求头' },
    teaches: {
      en: 'Host names the server, Connection keeps or closes the connection, User-Agent names the client, Accept and Accept-Encoding say what it takes, Referer where it came from, Cookie what it was given.',
      zh: 'Host 指明服务器，Connection 决定保持还是关闭连接，User-Agent 说明客户端，Accept 与 Accept-Encoding 说明能接受什么，Referer 说明从哪里来，Cookie 带回之前得到的 cookie。',
    },
    experiments: [
      scenario('browser-headers', 'browser-visit', 'http', {
        en: 'The Headers tab of a real browser’s request: every header it sends, in its order.',
        zh: '真实浏览器请求的“头部”页：它发送的每个头部，按原有顺序。',
      }, 'view'),
    ],
  },
  {
    id: 'layers',
    part: 'network',
    question: 18,
    title: { en: 'The layer models', zh: '七层模型' },
    teaches: {
      en: 'Each packet nests its layers: a link frame around an IP packet (network) around a TCP or UDP segment (transport) around the application’s bytes such as HTTP.',
      zh: '每个数据包都层层嵌套：链路层帧包着 IP 包（网络层），IP 包包着 TCP 或 UDP 报文段（传输层），里面是 HTTP 等应用层的字节。',
    },
    experiments: [
      scenario('packet-layers', 'tcp-handshake', 'packets', {
        en: 'The layer tree of a captured packet, each layer named, its bytes highlighted in the hex pane.',
        zh: '抓到的数据包的分层树，每层都有名字，在十六进制窗格中高亮其字节。',
      }, 'view'),
    ],
    limits: {
      en: 'A captured packet shows the link, network, transport and application layers; the session and presentation layers of the seven-layer model have no bytes of their own on the wire.',
      zh: '抓到的数据包能显示链路层、网络层、传输层和应用层；七层模型中的会话层与表示层在线路上没有属于自己的字节。',
    },
  },
  {
    id: 'url',
    part: 'network',
    question: 19,
    title: { en: 'The parts of a URL', zh: 'URL 的形式' },
    teaches: {
      en: 'scheme://host:port/path?query#fragment: the scheme picks the protocol, host and port the server, the path the resource, the query its parameters; the fragment never leaves the browser.',
      zh: 'scheme://host:port/path?query#fragment：协议决定用什么协议，主机和端口指明服务器，路径指明资源，查询字符串给出参数；片段（#后的部分）从不离开浏览器。',
    },
    experiments: [
      request('url', { method: 'GET', path: '/search?q=url&page=2' }, {
        en: 'The Payload tab: the request’s URL taken apart into scheme, host, port, path and query string.',
        zh: '“载荷”页：请求的 URL 被拆分为协议、主机、端口、路径和查询字符串。',
      }),
    ],
  },
];

/** The whole course, in the syllabus's order. */
export const topics: readonly Topic[] = [...systems, ...network];
