//! The event loop that runs on a runtime's thread, in Node's order: after every callback,
//! `process.nextTick` callbacks and then promise jobs drain; each turn runs due timers, then
//! finished I/O, then `setImmediate` callbacks. The process is done when nothing that keeps it
//! alive (a ref'ed timer, an immediate, an I/O operation in flight) is left.
//!
//! I/O runs on tokio's blocking pool and reports back through a channel; while waiting, the loop
//! sleeps on that channel until the next timer is due, so an idle program costs no CPU.

use std::{
    any::Any,
    cell::{Cell, RefCell},
    collections::{BTreeMap, HashMap, VecDeque},
    sync::mpsc,
    time::{Duration, Instant},
};

use rquickjs::{Ctx, Function, Persistent};

/// The JavaScript half of an I/O operation: runs on the runtime thread with the result the
/// blocking half produced (type-erased so that one channel carries every kind of op).
type Finish = Box<dyn for<'js> FnOnce(&Ctx<'js>, Box<dyn Any + Send>) -> rquickjs::Result<()>>;

/// A finished blocking half: which op, and its result.
type Completion = (u32, Box<dyn Any + Send>);

/// A callback kept alive across turns of the loop.
type Callback = Persistent<Function<'static>>;

struct Timer {
    callback: Callback,
    repeat: Option<Duration>,
    refed: bool,
}

#[derive(Default)]
pub struct EventLoop {
    next_id: Cell<u32>,
    /// Due time and insertion order → timer id: timers due together fire in creation order.
    queue: RefCell<BTreeMap<(Instant, u32), u32>>,
    timers: RefCell<HashMap<u32, (Timer, Instant)>>,
    immediates: RefCell<VecDeque<(u32, Callback)>>,
    ticks: RefCell<VecDeque<Callback>>,
    pending_io: RefCell<HashMap<u32, Finish>>,
    channel: OnceChannel,
}

struct OnceChannel {
    sender: mpsc::Sender<Completion>,
    receiver: mpsc::Receiver<Completion>,
}

impl Default for OnceChannel {
    fn default() -> Self {
        let (sender, receiver) = mpsc::channel();
        OnceChannel { sender, receiver }
    }
}

/// What the loop needs from its host to run JavaScript and handle what it throws.
pub trait LoopHost {
    /// Runs all queued promise jobs. Errors are uncaught exceptions.
    fn run_jobs<'js>(&self, ctx: &Ctx<'js>) -> rquickjs::Result<()>;
    /// Reports promise rejections nobody handled by the end of a microtask checkpoint.
    fn check_rejections<'js>(&self, ctx: &Ctx<'js>) -> rquickjs::Result<()>;
    /// True once `process.exit` was called (or an uncaught error ended the program).
    fn exiting(&self) -> bool;
}

impl EventLoop {
    fn fresh_id(&self) -> u32 {
        let id = self.next_id.get().wrapping_add(1);
        self.next_id.set(id);
        id
    }

    pub fn set_timer<'js>(
        &self,
        ctx: &Ctx<'js>,
        callback: Function<'js>,
        delay_ms: f64,
        repeat: bool,
        refed: bool,
    ) -> u32 {
        // Node clamps to [1, 2^31 - 1] ms; anything else (NaN, negative, huge) becomes 1.
        let ms = if (1.0..=2_147_483_647.0).contains(&delay_ms) {
            delay_ms
        } else {
            1.0
        };
        let delay = Duration::from_secs_f64(ms / 1000.0);
        let id = self.fresh_id();
        let due = Instant::now() + delay;
        let timer = Timer {
            callback: Persistent::save(ctx, callback),
            repeat: repeat.then_some(delay),
            refed,
        };
        self.timers.borrow_mut().insert(id, (timer, due));
        self.queue.borrow_mut().insert((due, id), id);
        id
    }

    pub fn clear_timer(&self, id: u32) {
        if let Some((_, due)) = self.timers.borrow_mut().remove(&id) {
            self.queue.borrow_mut().remove(&(due, id));
        }
    }

    pub fn ref_timer(&self, id: u32, refed: bool) {
        if let Some((timer, _)) = self.timers.borrow_mut().get_mut(&id) {
            timer.refed = refed;
        }
    }

    /// Restarts a timer's countdown (`timeout.refresh()`).
    pub fn refresh_timer(&self, id: u32) {
        let mut timers = self.timers.borrow_mut();
        let Some((timer, due)) = timers.get_mut(&id) else {
            return;
        };
        let mut queue = self.queue.borrow_mut();
        queue.remove(&(*due, id));
        let delay = timer.repeat.unwrap_or(Duration::from_millis(1));
        *due = Instant::now() + delay;
        queue.insert((*due, id), id);
    }

    pub fn set_immediate<'js>(&self, ctx: &Ctx<'js>, callback: Function<'js>) -> u32 {
        let id = self.fresh_id();
        self.immediates
            .borrow_mut()
            .push_back((id, Persistent::save(ctx, callback)));
        id
    }

    pub fn clear_immediate(&self, id: u32) {
        self.immediates
            .borrow_mut()
            .retain(|(other, _)| *other != id);
    }

    pub fn next_tick<'js>(&self, ctx: &Ctx<'js>, callback: Function<'js>) {
        self.ticks
            .borrow_mut()
            .push_back(Persistent::save(ctx, callback));
    }

    /// Runs `work` on tokio's blocking pool, then `finish` with its result on this thread in a
    /// later turn of the loop. The operation keeps the process alive until it finishes.
    pub fn spawn_io<T, W, F>(&self, work: W, finish: F)
    where
        T: Send + 'static,
        W: FnOnce() -> T + Send + 'static,
        F: for<'js> FnOnce(&Ctx<'js>, T) -> rquickjs::Result<()> + 'static,
    {
        let id = self.fresh_id();
        let finish: Finish = Box::new(move |ctx, result| match result.downcast::<T>() {
            Ok(result) => finish(ctx, *result),
            Err(_) => unreachable!("an op's result has the type its work returned"),
        });
        self.pending_io.borrow_mut().insert(id, finish);
        let sender = self.channel.sender.clone();
        io_runtime().spawn_blocking(move || {
            let result: Box<dyn Any + Send> = Box::new(work());
            let _ = sender.send((id, result));
        });
    }

    fn complete<'js>(&self, ctx: &Ctx<'js>, (id, result): Completion) -> rquickjs::Result<()> {
        let finish = self.pending_io.borrow_mut().remove(&id);
        match finish {
            Some(finish) => finish(ctx, result),
            None => Ok(()),
        }
    }

    /// Drains `process.nextTick` callbacks and promise jobs until both are empty, as Node does
    /// after every callback it runs.
    pub fn checkpoint<'js>(&self, ctx: &Ctx<'js>, host: &impl LoopHost) -> rquickjs::Result<()> {
        loop {
            loop {
                // Pop in its own statement: the callback may queue more ticks.
                let next = self.ticks.borrow_mut().pop_front();
                let Some(tick) = next else { break };
                if host.exiting() {
                    return Ok(());
                }
                tick.restore(ctx)?.call::<_, ()>(())?;
            }
            host.run_jobs(ctx)?;
            if self.ticks.borrow().is_empty() {
                return host.check_rejections(ctx);
            }
        }
    }

    fn has_refed_timers(&self) -> bool {
        self.timers.borrow().values().any(|(timer, _)| timer.refed)
    }

    pub fn is_alive(&self) -> bool {
        self.has_refed_timers()
            || !self.immediates.borrow().is_empty()
            || !self.pending_io.borrow().is_empty()
            || !self.ticks.borrow().is_empty()
    }

    /// One turn: due timers, finished I/O, immediates. Blocks until there is something to do.
    /// Every callback's exception is handed to `on_error` (Node's uncaught-exception path).
    pub fn turn<'js>(
        &self,
        ctx: &Ctx<'js>,
        host: &impl LoopHost,
        on_error: &mut dyn FnMut(&Ctx<'js>, rquickjs::Error),
    ) {
        self.turn_until(ctx, host, on_error, &|| false);
    }

    /// [`EventLoop::turn`] for a caller waiting on one result (the test runner's file promise):
    /// when `settled()` holds after the callbacks ran, the turn ends at once instead of
    /// sleeping until the next timer, which may belong to work nobody waits for.
    pub fn turn_until<'js>(
        &self,
        ctx: &Ctx<'js>,
        host: &impl LoopHost,
        on_error: &mut dyn FnMut(&Ctx<'js>, rquickjs::Error),
        settled: &dyn Fn() -> bool,
    ) {
        let mut run = |result: rquickjs::Result<()>| {
            let result = result.and_then(|()| self.checkpoint(ctx, host));
            if let Err(error) = result {
                on_error(ctx, error);
            }
        };

        // Timers whose time has come, in due order; ones added now wait for the next turn.
        let now = Instant::now();
        let due: Vec<(Instant, u32)> = self
            .queue
            .borrow()
            .range(..=(now, u32::MAX))
            .map(|(key, _)| *key)
            .collect();
        for key in due {
            if host.exiting() {
                return;
            }
            let Some(id) = self.queue.borrow_mut().remove(&key) else {
                continue;
            };
            let callback = {
                let mut timers = self.timers.borrow_mut();
                let Some((timer, due)) = timers.get_mut(&id) else {
                    continue;
                };
                let callback = timer.callback.clone();
                match timer.repeat {
                    Some(interval) => {
                        *due = Instant::now() + interval;
                        self.queue.borrow_mut().insert((*due, id), id);
                    }
                    None => {
                        timers.remove(&id);
                    }
                }
                callback
            };
            run(callback.restore(ctx).and_then(|f| f.call::<_, ()>(())));
        }

        while let Ok(completion) = self.channel.receiver.try_recv() {
            if host.exiting() {
                return;
            }
            run(self.complete(ctx, completion));
        }

        let immediates: Vec<_> = self.immediates.borrow_mut().drain(..).collect();
        for (_, callback) in immediates {
            if host.exiting() {
                return;
            }
            run(callback.restore(ctx).and_then(|f| f.call::<_, ()>(())));
        }

        if host.exiting()
            || !self.immediates.borrow().is_empty()
            || !self.ticks.borrow().is_empty()
            || settled()
        {
            return;
        }
        let next_timer = self
            .queue
            .borrow()
            .keys()
            .find(|(_, id)| self.timers.borrow().get(id).is_some_and(|(t, _)| t.refed))
            .map(|(due, _)| *due);
        let wait = match (next_timer, !self.pending_io.borrow().is_empty()) {
            (Some(due), _) => due.saturating_duration_since(Instant::now()),
            (None, true) => Duration::from_secs(3600),
            (None, false) => return,
        };
        if let Ok(completion) = self.channel.receiver.recv_timeout(wait) {
            run(self.complete(ctx, completion));
        }
    }

    /// Drops every callback; must run before the engine's context is freed.
    pub fn clear(&self) {
        self.timers.borrow_mut().clear();
        self.queue.borrow_mut().clear();
        self.immediates.borrow_mut().clear();
        self.ticks.borrow_mut().clear();
        self.pending_io.borrow_mut().clear();
    }
}

/// The process-wide tokio runtime that does blocking I/O for every JS thread.
fn io_runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("dx-io")
            .enable_all()
            .build()
            .expect("the I/O runtime starts")
    })
}
