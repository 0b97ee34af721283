#!/usr/bin/env python3
"""Times StanceKit's CLI against LIBLINEAR, fastText (and optionally scikit-learn), each as
separate processes, alternating A B A B ... for several rounds, on one generated corpus.

For every system: train (from its input file to a model file) and predict (from the test
file to predictions) are timed as separate processes; peak RSS comes from wait4() of each
process. Accuracy and macro-F1 are computed here from the predictions of the last round.

  StanceKit     .build/release/stance train --c 1 --data train.csv --out m.stance  (C = 1 as the peers)
                .build/release/stance predict --model m.stance --format csv test.csv
  LIBLINEAR     liblinear-train -s 7 / -s 0 -c 1 on a prepared libsvm file of the same
                1-2 gram tf-idf features (built once with scikit-learn, not timed), and
                liblinear-predict on the prepared test file
  fastText      fasttext supervised -wordNgrams 2 -epoch 5 -thread <cores>, fasttext predict
  scikit-learn  (--with-sklearn) CountVectorizer(1,2) + LogisticRegression(lbfgs), timed
                from CSV to pickle and from pickle + CSV to predictions

Usage (from the repository root):
  python3 Benchmarks/peers/bench_peers.py --size 100k [--rounds 3] [--with-sklearn]
  python3 Benchmarks/peers/bench_peers.py --size 10k,100k,1M
Writes Benchmarks/results/<date>-<size>.md for each size and prints the same table; with
several sizes also <date>-scaling.md (train time against non-zeros). A later run on the
same day writes <date>.2-<size>.md and so on, never over earlier results.
"""
import argparse
import csv
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STANCE = os.path.join(ROOT, ".build", "release", "stance")
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}


LAST_STDERR = {"text": ""}


def run(command, stdout=None):
    """Runs one process; returns (seconds, peak RSS in MiB). Its stderr is kept in
    LAST_STDERR for callers that parse a summary.

    The peak RSS comes from GNU time wrapped around the command: a child forked straight
    from this Python process would report at least Python's own RSS (ru_maxrss survives
    exec), which after preparing the inputs is hundreds of MiB.
    """
    rss_file = os.path.join("/tmp", f"stancekit-bench-rss-{os.getpid()}")
    start = time.perf_counter()
    process = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", rss_file] + command,
        stdout=stdout or subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT,
    )
    seconds = time.perf_counter() - start
    stderr = process.stderr.decode(errors="replace")
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    with open(rss_file, encoding="utf-8") as handle:
        rss_kib = int(handle.read().split()[-1])
    os.remove(rss_file)
    LAST_STDERR["text"] = stderr
    return seconds, rss_kib / 1024


def read_labels(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return [row["label"] for row in csv.DictReader(handle)]


def scores(predicted, truth):
    """Accuracy and macro-F1 (classes = labels of the truth)."""
    accuracy = sum(p == t for p, t in zip(predicted, truth)) / len(truth)
    f1s = []
    for label in sorted(set(truth)):
        tp = sum(p == label and t == label for p, t in zip(predicted, truth))
        fp = sum(p == label and t != label for p, t in zip(predicted, truth))
        fn = sum(p != label and t == label for p, t in zip(predicted, truth))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return accuracy, sum(f1s) / len(f1s)


class StanceKit:
    name = "StanceKit (defaults)"

    def __init__(self, data, work, extra=()):
        self.data, self.work, self.extra = data, work, list(extra)
        self.model = os.path.join(work, "m.stance")
        self.out = os.path.join(work, "stance-predictions.csv")
        self.stages = []  # per round: dict of stage -> seconds, from the train summary
        self.products = []  # per round: Newton's Hessian-vector products, from the summary
        self.nonzeros = None

    def train(self):
        result = run(
            [STANCE, "train", "--c", "1", "--data", os.path.join(self.data, "train.csv"), "--out",
             self.model]
            + self.extra
        )
        self.parse_summary(LAST_STDERR["text"])
        return result

    def parse_summary(self, text):
        """Reads `features N (M non-zeros)`, `iterations I (E evaluations, P Hessian
        products)` and `seconds T (read a, features b, ...)`."""
        stages = {}
        for line in text.splitlines():
            match = re.match(r"iterations\s+\d+ \(.*?(\d+) Hessian products\)", line)
            if match:
                self.products.append(int(match.group(1)))
            match = re.match(r"features\s+\d+ \((\d+) non-zeros\)", line)
            if match:
                self.nonzeros = int(match.group(1))
            match = re.match(r"seconds\s+[\d.]+ \((.*)\)", line)
            if match:
                for part in match.group(1).split(","):
                    name, value = part.split()
                    stages[name] = float(value)
        if stages:
            self.stages.append(stages)

    def stage_medians(self):
        names = self.stages[0].keys() if self.stages else []
        return {name: statistics.median(r[name] for r in self.stages) for name in names}

    def predict(self):
        return run(
            [STANCE, "predict", "--model", self.model, "--format", "csv", "--out", self.out,
             os.path.join(self.data, "test.csv")]
        )

    def predictions(self):
        with open(self.out, newline="", encoding="utf-8") as handle:
            return [row["label"] for row in csv.DictReader(handle)]


class StanceKitSolver(StanceKit):
    def __init__(self, data, work, solver):
        super().__init__(data, work, ["--solver", solver])
        self.name = f"StanceKit --solver {solver}"
        self.model = os.path.join(work, f"m-{solver}.stance")
        self.out = os.path.join(work, f"stance-{solver}-predictions.csv")


class Liblinear:
    def __init__(self, data, work, solver, labels):
        self.solver, self.labels = solver, labels
        self.name = f"LIBLINEAR -s {solver}"
        self.train_file = os.path.join(work, "train.svm")
        self.test_file = os.path.join(work, "test.svm")
        self.model = os.path.join(work, f"liblinear-{solver}.model")
        self.out = os.path.join(work, f"liblinear-{solver}.out")

    def train(self):
        return run(["liblinear-train", "-s", str(self.solver), "-c", "1", "-q",
                    self.train_file, self.model])

    def predict(self):
        return run(["liblinear-predict", "-q", self.test_file, self.model, self.out])

    def predictions(self):
        with open(self.out, encoding="utf-8") as handle:
            return [self.labels[int(float(line))] for line in handle]


class FastText:
    def __init__(self, data, work, threads):
        self.name = "fastText"
        self.threads = threads
        self.train_file = os.path.join(work, "train.ft")
        self.test_file = os.path.join(work, "test.ft")
        self.model = os.path.join(work, "fasttext")
        self.out = os.path.join(work, "fasttext.out")

    def train(self):
        return run(["fasttext", "supervised", "-input", self.train_file, "-output", self.model,
                    "-wordNgrams", "2", "-epoch", "5", "-thread", str(self.threads),
                    "-verbose", "0", "-seed", "1"])

    def predict(self):
        with open(self.out, "w", encoding="utf-8") as handle:
            return run(["fasttext", "predict", self.model + ".bin", self.test_file], stdout=handle)

    def predictions(self):
        with open(self.out, encoding="utf-8") as handle:
            return [line.strip().replace("__label__", "") for line in handle]


class ScikitLearn:
    name = "scikit-learn CountVectorizer(1,2)+LR(lbfgs)"

    def __init__(self, data, work):
        self.data, self.work = data, work
        self.script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sklearn_peer.py")
        self.model = os.path.join(work, "sklearn.pickle")
        self.out = os.path.join(work, "sklearn.out")

    def train(self):
        return run([sys.executable, self.script, "train", os.path.join(self.data, "train.csv"),
                    self.model])

    def predict(self):
        return run([sys.executable, self.script, "predict", self.model,
                    os.path.join(self.data, "test.csv"), self.out])

    def predictions(self):
        with open(self.out, encoding="utf-8") as handle:
            return [line.rstrip("\n") for line in handle]


def prepare_inputs(data, work):
    """Writes the peers' input files once (not timed): libsvm tf-idf files and fastText text."""
    train_svm = os.path.join(work, "train.svm")
    if not os.path.exists(train_svm):
        from sklearn.datasets import dump_svmlight_file
        from sklearn.feature_extraction.text import TfidfVectorizer
        texts, labels = {}, {}
        for split in ("train", "test"):
            with open(os.path.join(data, f"{split}.csv"), newline="", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            texts[split] = [row["text"] for row in rows]
            labels[split] = [row["label"] for row in rows]
        names = sorted(set(labels["train"]))
        index = {label: i for i, label in enumerate(names)}
        vectorizer = TfidfVectorizer(ngram_range=(1, 2))
        x_train = vectorizer.fit_transform(texts["train"])
        x_test = vectorizer.transform(texts["test"])
        for split, matrix in (("train", x_train), ("test", x_test)):
            y = [index.get(label, 0) for label in labels[split]]
            dump_svmlight_file(matrix, y, os.path.join(work, f"{split}.svm.tmp"), zero_based=False)
            os.replace(os.path.join(work, f"{split}.svm.tmp"), os.path.join(work, f"{split}.svm"))
        for split in ("train", "test"):
            with open(os.path.join(work, f"{split}.ft"), "w", encoding="utf-8") as handle:
                for text, label in zip(texts[split], labels[split]):
                    handle.write(f"__label__{label} {' '.join(text.split())}\n")
    return sorted(set(read_labels(os.path.join(data, "train.csv"))))


def command_output(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "not installed"


def machine_description():
    model = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as handle:
        memory = int(handle.readline().split()[1]) / 1024 / 1024
    blas = command_output(["update-alternatives", "--query", "libblas.so.3-x86_64-linux-gnu"])
    blas = next((line.split(": ", 1)[1] for line in blas.splitlines()
                 if line.startswith("Value:")), "unknown")
    swift = command_output(["swift", "--version"]).splitlines()
    versions = {
        "swift": swift[0] if swift else "unknown",
        "liblinear-tools": command_output(["dpkg-query", "-W", "-f=${Version}", "liblinear-tools"]),
        "fasttext": command_output(["dpkg-query", "-W", "-f=${Version}", "fasttext"]),
        "python": platform.python_version(),
    }
    try:
        import sklearn
        versions["scikit-learn"] = sklearn.__version__
    except ImportError:
        pass
    return (f"{platform.machine()}, {os.cpu_count()} cores ({model}), {memory:.0f} GiB, "
            f"{platform.system()} {platform.release()}"), versions, blas


def bench_size(size, args):
    """Runs every system on one corpus size; writes its results file; returns a summary."""
    data = args.data or f"/tmp/stancekit-bench-{size}"
    if not os.path.exists(os.path.join(data, "train.csv")):
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "tools", "gen_corpus.py"),
                        "--n", str(SIZES[size]), "--out", data], check=True)
    work = os.path.join(data, "work")
    os.makedirs(work, exist_ok=True)
    labels = prepare_inputs(data, work)
    truth = read_labels(os.path.join(data, "test.csv"))
    threads = os.cpu_count() or 1

    systems = [StanceKit(data, work)]
    systems += [StanceKitSolver(data, work, s) for s in args.solvers.split(",") if s]
    if shutil.which("liblinear-train"):
        systems += [Liblinear(data, work, 7, labels), Liblinear(data, work, 0, labels)]
    if shutil.which("fasttext"):
        systems.append(FastText(data, work, threads))
    if args.with_sklearn:
        systems.append(ScikitLearn(data, work))

    times = {s.name: {"train": [], "predict": [], "train_rss": [], "predict_rss": []}
             for s in systems}
    for round_number in range(args.rounds):
        for system in systems:
            seconds, rss = system.train()
            times[system.name]["train"].append(seconds)
            times[system.name]["train_rss"].append(rss)
            print(f"{size} round {round_number + 1}: {system.name} train {seconds:.2f} s",
                  file=sys.stderr)
        for system in systems:
            seconds, rss = system.predict()
            times[system.name]["predict"].append(seconds)
            times[system.name]["predict_rss"].append(rss)

    reference = systems[0].name
    base_train = statistics.median(times[reference]["train"])
    base_predict = statistics.median(times[reference]["predict"])
    lines = [
        "| system | train s (median) | train s (min–max) | predict s (median) "
        "| train peak RSS MiB | predict peak RSS MiB | accuracy | macro-F1 "
        "| train ÷ StanceKit | predict ÷ StanceKit |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    summary = {"size": size, "systems": {}}
    for system in systems:
        entry = times[system.name]
        train, predict = statistics.median(entry["train"]), statistics.median(entry["predict"])
        accuracy, macro_f1 = scores(system.predictions(), truth)
        summary["systems"][system.name] = {"train": train, "predict": predict,
                                           "macro_f1": macro_f1}
        lines.append(
            f"| {system.name} | {train:.2f} | {min(entry['train']):.2f}–{max(entry['train']):.2f} "
            f"| {predict:.2f} | {max(entry['train_rss']):.0f} "
            f"| {max(entry['predict_rss']):.0f} "
            f"| {accuracy:.4f} | {macro_f1:.4f} | {train / base_train:.2f} "
            f"| {predict / base_predict:.2f} |"
        )
    table = "\n".join(lines)
    print(table)

    with open(os.path.join(data, "train.csv"), "rb") as handle:
        train_bytes = len(handle.read())
    stance = systems[0]
    stages = stance.stage_medians()
    summary["nonzeros"] = stance.nonzeros
    summary["stages"] = stages
    stage_text = ""
    if stages:
        featurize = stages.get("read", 0) + stages.get("features", 0)
        summary["featurize_mb_s"] = train_bytes / 1e6 / featurize if featurize else None
        stage_text = (
            "StanceKit train stages (median of the rounds, from its summary): "
            + ", ".join(f"{name} {value:.2f} s" for name, value in stages.items())
            + f"; {stance.nonzeros} non-zeros"
            + (f"; Hessian-vector products per round {stance.products}" if stance.products else "")
            + f". Reading and featurising the {train_bytes / 1e6:.1f} MB "
            f"training CSV (CSV parsing, tokenising, 1-2 gram vocabulary, tf-idf, CSR) runs at "
            f"{summary['featurize_mb_s']:.1f} MB/s.\n"
        )

    machine, versions, blas = machine_description()
    reference_loop = ""
    c_reference = os.path.join(os.path.dirname(os.path.abspath(__file__)), "c_reference")
    if os.access(c_reference, os.X_OK):
        reference_loop = command_output([c_reference, os.path.join(data, "train.csv"), "5"])
        match = re.search(r"([\d.]+) MB/s", reference_loop)
        if match:
            summary["reference_mb_s"] = float(match.group(1))
    stamp = args.stamp
    os.makedirs(args.results, exist_ok=True)
    path = os.path.join(args.results, f"{stamp}-{size}.md")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"# Peers, {size} ({stamp})\n\n")
        handle.write(f"Corpus: `gen_corpus.py --n {SIZES[size]}` ({len(truth)} test rows, "
                     f"train.csv {train_bytes / 1e6:.1f} MB); {args.rounds} rounds, "
                     "systems alternated, each step a separate process.\n\n")
        handle.write(f"Machine: {machine}. BLAS: {blas}.\n\n")
        handle.write("Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".\n\n")
        handle.write(table + "\n\n")
        handle.write("Train seconds per round: " + "; ".join(
            f"{name} " + ", ".join(f"{t:.2f}" for t in entry["train"])
            for name, entry in times.items()) + ".\n\n")
        handle.write("LIBLINEAR reads prepared libsvm files (scikit-learn 1-2 gram tf-idf, "
                     "built outside the timing); StanceKit and scikit-learn start from CSV.\n")
        if stage_text:
            handle.write("\n" + stage_text)
        if reference_loop:
            handle.write(f"\nC reference loop (read, lowercase, split, hash): {reference_loop}\n")
    print(f"wrote {path}", file=sys.stderr)
    return summary


def write_scaling(summaries, args):
    """One table over the sizes: train time against non-zeros, for StanceKit and the peers."""
    names = list(summaries[0]["systems"].keys())
    lines = [
        "| size | StanceKit non-zeros | " + " | ".join(f"{n} train s" for n in names)
        + " | StanceKit s per million non-zeros | StanceKit featurise MB/s | C loop MB/s |",
        "|---" * (len(names) + 5) + "|",
    ]
    for summary in summaries:
        stance = summary["systems"][names[0]]
        nonzeros = summary.get("nonzeros") or 0
        per_million = stance["train"] / (nonzeros / 1e6) if nonzeros else float("nan")
        lines.append(
            f"| {summary['size']} | {nonzeros} | "
            + " | ".join(f"{summary['systems'][n]['train']:.2f}" for n in names)
            + f" | {per_million:.3f} | {summary.get('featurize_mb_s') or float('nan'):.1f} "
            f"| {summary.get('reference_mb_s') or float('nan'):.1f} |"
        )
    table = "\n".join(lines)
    print(table)
    stamp = args.stamp
    path = os.path.join(args.results, f"{stamp}-scaling.md")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"# Scaling ({stamp})\n\n")
        handle.write(f"Sizes {', '.join(s['size'] for s in summaries)}, each run by "
                     f"`bench_peers.py` with {args.rounds} rounds (medians); one results file "
                     "per size beside this one. Linear growth in the number of non-zeros "
                     "shows as a constant 'seconds per million non-zeros'.\n\n")
        handle.write(table + "\n")
    print(f"wrote {path}", file=sys.stderr)


def run_stamp(results, sizes):
    """Today's date, or date.N for the N-th run of the day: earlier results are never
    overwritten."""
    day = datetime.date.today().isoformat()
    stamp, run = day, 1
    while any(os.path.exists(os.path.join(results, f"{stamp}-{name}.md"))
              for name in sizes + ["scaling"]):
        run += 1
        stamp = f"{day}.{run}"
    return stamp


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="100k", help="one size or several, e.g. 10k,100k,1M")
    parser.add_argument("--data", help="corpus folder for a single size (default: generated "
                        "under /tmp)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--with-sklearn", action="store_true")
    parser.add_argument("--solvers", default="", help="extra StanceKit solvers, e.g. lbfgs,newton")
    parser.add_argument("--results", default=os.path.join(ROOT, "Benchmarks", "results"))
    args = parser.parse_args()
    sizes = [size for size in args.size.split(",") if size]
    unknown = [size for size in sizes if size not in SIZES]
    if unknown or not sizes:
        sys.exit(f"unknown size {', '.join(unknown)}; choose from {', '.join(SIZES)}")
    if args.data and len(sizes) > 1:
        sys.exit("--data names one corpus; give one --size with it")
    if not os.access(STANCE, os.X_OK):
        sys.exit(f"{STANCE} is missing; run `make release` first")
    args.stamp = run_stamp(args.results, sizes)
    summaries = [bench_size(size, args) for size in sizes]
    if len(summaries) > 1:
        write_scaling(summaries, args)


if __name__ == "__main__":
    main()
