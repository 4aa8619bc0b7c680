//! Unified diffs for `dx migrate`'s dry run. Line-based: a longest-common-subsequence over the
//! lines between the common prefix and suffix (migrations change few lines, so the middle is
//! small), grouped into hunks with three lines of context.

/// A unified diff from `old` to `new` under the labels given (`a/x.tsx`, `b/x.dx`). Empty when
/// the texts and the labels are equal.
pub fn unified_diff(old_name: &str, new_name: &str, old: &str, new: &str) -> String {
    if old == new && old_name == new_name {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = line_ops(&a, &b);
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    if old == new {
        return out;
    }
    const CONTEXT: usize = 3;
    // Indices of changed ops; hunks gather changes closer than 2*CONTEXT lines apart.
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Same(..)))
        .map(|(i, _)| i)
        .collect();
    let mut i = 0;
    while i < changed.len() {
        let start = changed[i].saturating_sub(CONTEXT);
        let mut end = changed[i];
        while i + 1 < changed.len() && changed[i + 1] <= end + 2 * CONTEXT + 1 {
            i += 1;
            end = changed[i];
        }
        let end = (end + CONTEXT + 1).min(ops.len());
        let (a_start, b_start) = positions(&ops[..start]);
        let (a_len, b_len) = positions(&ops[start..end]);
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(a_start, a_len),
            range(b_start, b_len)
        ));
        for op in &ops[start..end] {
            let (prefix, line) = match op {
                Op::Same(l) => (' ', *l),
                Op::Delete(l) => ('-', *l),
                Op::Insert(l) => ('+', *l),
            };
            out.push(prefix);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
        i += 1;
    }
    out
}

fn range(start: usize, len: usize) -> String {
    match len {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{len}", start + 1),
    }
}

fn positions(ops: &[Op]) -> (usize, usize) {
    ops.iter().fold((0, 0), |(a, b), op| match op {
        Op::Same(_) => (a + 1, b + 1),
        Op::Delete(_) => (a + 1, b),
        Op::Insert(_) => (a, b + 1),
    })
}

enum Op<'t> {
    Same(&'t str),
    Delete(&'t str),
    Insert(&'t str),
}

fn line_ops<'t>(a: &[&'t str], b: &[&'t str]) -> Vec<Op<'t>> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<Op> = a[..prefix].iter().map(|l| Op::Same(l)).collect();
    // lcs[i][j]: length of the LCS of ma[i..] and mb[j..].
    let width = mb.len() + 1;
    let mut lcs = vec![0u32; (ma.len() + 1) * width];
    for i in (0..ma.len()).rev() {
        for j in (0..mb.len()).rev() {
            lcs[i * width + j] = if ma[i] == mb[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < ma.len() || j < mb.len() {
        if i < ma.len() && j < mb.len() && ma[i] == mb[j] {
            ops.push(Op::Same(ma[i]));
            i += 1;
            j += 1;
        } else if j < mb.len()
            && (i == ma.len() || lcs[i * width + j + 1] >= lcs[(i + 1) * width + j])
        {
            ops.push(Op::Insert(mb[j]));
            j += 1;
        } else {
            ops.push(Op::Delete(ma[i]));
            i += 1;
        }
    }
    ops.extend(a[a.len() - suffix..].iter().map(|l| Op::Same(l)));
    // Within each run of changes, deletions before insertions, as `diff -u` prints them.
    let mut start = 0;
    while start < ops.len() {
        if matches!(ops[start], Op::Same(_)) {
            start += 1;
            continue;
        }
        let end = ops[start..]
            .iter()
            .position(|op| matches!(op, Op::Same(_)))
            .map_or(ops.len(), |p| start + p);
        ops[start..end].sort_by_key(|op| matches!(op, Op::Insert(_)));
        start = end;
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_changed_line_gets_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        let diff = unified_diff("a/x.tsx", "b/x.dx", old, new);
        assert_eq!(
            diff,
            "--- a/x.tsx\n+++ b/x.dx\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
    }

    #[test]
    fn equal_texts_give_nothing() {
        assert_eq!(unified_diff("x", "x", "same\n", "same\n"), "");
    }

    #[test]
    fn a_rename_alone_shows_headers() {
        assert_eq!(
            unified_diff("a/a.tsx", "b/b.dx", "x\n", "x\n"),
            "--- a/a.tsx\n+++ b/b.dx\n"
        );
    }
}
