//! The process's open-file descriptors, set up once before an install starts its threads.
//!
//! An install holds one descriptor per packument it has read (a version's document is read from
//! the cache file when it is picked) and a few per package it links: past a thousand on a large
//! app. Two things about that are the process's, not the install's:
//! - the soft limit is often 1,024 (systemd's default) while the hard limit is far higher; npm
//!   (graceful-fs) and bun live with that by raising the soft limit, and so does dx;
//! - the kernel's descriptor table starts at 64 slots and doubles as it fills, and once the
//!   process has threads each doubling waits for an RCU grace period: 15–36 ms each on this
//!   machine, 50 ms of a 130 ms warm install of the large fixture (`perf sched timehist`:
//!   `synchronize_rcu` under `openat`). Grown once while the process has one thread, it
//!   costs nothing.

/// How many descriptor slots are made at start: more than the large fixture's ~1,300 at its
/// peak, and a 32 KiB table.
const TABLE_SLOTS: libc::rlim_t = 4096;

/// Raises the soft limit on open files to the hard limit, then grows the descriptor table to
/// [`TABLE_SLOTS`] (or the limit, if lower). Call it before any thread is started; failures
/// leave things as they were.
pub fn prepare() {
    // SAFETY: getrlimit/setrlimit with a valid pointer to a local struct; fcntl(F_DUPFD_CLOEXEC)
    // duplicates stderr onto the lowest free descriptor at or above the given number (it never
    // replaces an open one), and that new descriptor is closed at once.
    unsafe {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: limit.rlim_max,
                rlim_max: limit.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit.rlim_cur = limit.rlim_max;
            }
        }
        let top = TABLE_SLOTS.min(limit.rlim_cur).saturating_sub(1);
        let Ok(top) = libc::c_int::try_from(top) else {
            return;
        };
        let fd = libc::fcntl(2, libc::F_DUPFD_CLOEXEC, top);
        if fd >= 0 {
            libc::close(fd);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn the_soft_limit_reaches_the_hard_limit_and_descriptors_still_open() {
        super::prepare();
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: a valid pointer to a local struct.
        assert_eq!(
            unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) },
            0
        );
        assert_eq!(limit.rlim_cur, limit.rlim_max);
        let file = std::fs::File::open("/dev/null").unwrap();
        drop(file);
    }
}
