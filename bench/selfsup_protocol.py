"""The probe protocol of `selfsup pretrain`, ported line for line to numpy / torch, so that
a PyTorch run is scored exactly as ours: the same 10,000 training rows, the same validation
split, the same logistic-regression fits and the same kNN vote. Imported by
bench/main-job-mirror.py (run it with /usr/bin/python3; see that file's header).

Ports (TypeScript source -> here):
  packages/core/src/random/seeded-random.ts    createRandom (mulberry32)   -> SeededRandom
  packages/core/src/random/shuffle.ts          shuffleInPlace              -> SeededRandom.shuffle
  packages/core/src/evaluation/stratified-sample.ts  stratifiedSample      -> stratified_sample
  packages/core/src/evaluation/linear-probe.ts + logistic-regression.ts   -> linear_probe
  packages/core/src/evaluation/knn-classifier.ts (KNN_LIGHTLY)            -> knn_accuracy
The generator gives the same numbers as ours for the same seed, so the sample, the split and
the fits' row order are identical; the arithmetic is float32 in torch instead of tfjs's wasm.
"""
import math

import numpy as np
import torch

MASK = 0xFFFFFFFF

# linear-probe.ts and logistic-regression.ts defaults (LINEAR_PROBE_DEFAULTS, LOGISTIC_REGRESSION_DEFAULTS).
LINEAR_PROBE_WEIGHT_DECAYS = (0.0, 1e-5, 1e-4, 1e-3, 1e-2)
LINEAR_PROBE_VALIDATION_FRACTION = 0.1
LOGISTIC_REGRESSION_EPOCHS = 100
LOGISTIC_REGRESSION_BATCH_SIZE = 512
LOGISTIC_REGRESSION_LEARNING_RATE = 0.03
# knn-classifier.ts KNN_LIGHTLY, and its block of test rows.
KNN_K, KNN_TEMPERATURE, KNN_CHUNK = 200, 0.1, 256


class SeededRandom:
    """createRandom(seed): mulberry32, uniform floats in [0, 1) from a 32-bit state."""

    def __init__(self, seed):
        self.state = int(seed) & MASK

    def next(self):
        self.state = (self.state + 0x6D2B79F5) & MASK
        t = self.state
        t = ((t ^ (t >> 15)) * (t | 1)) & MASK
        t = (t ^ ((t + (((t ^ (t >> 7)) * (t | 61)) & MASK)) & MASK)) & MASK
        return ((t ^ (t >> 14)) & MASK) / 4294967296

    def integer(self, max_exclusive):
        return math.floor(self.next() * max_exclusive)

    def shuffle(self, array):
        """shuffleInPlace: Fisher-Yates from the end."""
        for i in range(len(array) - 1, 0, -1):
            j = self.integer(i + 1)
            array[i], array[j] = array[j], array[i]
        return array


def permutation(count, random):
    return np.array(random.shuffle(list(range(count))), dtype=np.int64)


def stratified_sample(labels, count, seed):
    """stratifiedSample: `count` sorted rows, classes in proportion (largest remainder)."""
    total = len(labels)
    if count >= total:
        return np.arange(total)
    classes = sorted(set(int(label) for label in labels))
    members = {c: [] for c in classes}
    for row, label in enumerate(labels):
        members[int(label)].append(row)
    sizes = [len(members[c]) for c in classes]
    quotas = [count * size // total for size in sizes]
    remainders = [count * size % total for size in sizes]
    left = count - sum(quotas)
    for c in sorted(range(len(sizes)), key=lambda c: (-remainders[c], c))[:left]:
        quotas[c] += 1
    if count >= len(sizes):
        for c in range(len(sizes)):
            if quotas[c] > 0:
                continue
            donor = -1
            for d in range(len(sizes)):
                if quotas[d] < 2:
                    continue
                if donor < 0 or quotas[d] * total - count * sizes[d] > quotas[donor] * total - count * sizes[donor]:
                    donor = d
            quotas[donor] -= 1
            quotas[c] += 1
    random = SeededRandom(seed)
    sample = []
    for c, label in enumerate(classes):
        rows = members[label]
        if quotas[c] < len(rows):
            random.shuffle(rows)
        sample.extend(rows[:quotas[c]])
    return np.array(sorted(sample))


def _standardise(values, rows, *others):
    """Column mean and population std of `rows` (float64), applied to them and to `others`."""
    fit = values[rows].astype(np.float64)
    mean = fit.mean(0)
    std = np.sqrt(((fit - mean) ** 2).mean(0))
    inverse = np.ones_like(std)
    inverse[std > 0] = 1 / std[std > 0]  # zero-spread columns are only centred
    scale = lambda x: torch.from_numpy(((x - mean) * inverse).astype(np.float32))
    return [scale(fit)] + [scale(o) for o in others]


def fit_logistic_regression(x, y, num_classes, weight_decay, seed):
    """fitLogisticRegression: zero init, mini-batch Adam (its epsilon placement), cosine rate."""
    count, dimension = x.shape
    random = SeededRandom(seed)
    steps_per_epoch = math.ceil(count / LOGISTIC_REGRESSION_BATCH_SIZE)
    total = LOGISTIC_REGRESSION_EPOCHS * steps_per_epoch
    w, b = torch.zeros(dimension, num_classes), torch.zeros(num_classes)
    moments = [torch.zeros_like(w), torch.zeros_like(w), torch.zeros_like(b), torch.zeros_like(b)]
    onehot = torch.nn.functional.one_hot(y, num_classes).float()
    step = 0
    for _ in range(LOGISTIC_REGRESSION_EPOCHS):
        order = torch.from_numpy(permutation(count, random))
        for start in range(0, count, LOGISTIC_REGRESSION_BATCH_SIZE):
            rows = order[start:start + LOGISTIC_REGRESSION_BATCH_SIZE]
            xb, yb = x[rows], onehot[rows]  # [B, D], [B, C]
            step += 1
            rate = 0.5 * LOGISTIC_REGRESSION_LEARNING_RATE * (1 + math.cos(math.pi * (step - 1) / total))
            step_size = rate * math.sqrt(1 - 0.999 ** step) / (1 - 0.9 ** step)
            logit_gradient = (torch.softmax(xb @ w + b, 1) - yb) / len(rows)  # [B, C]
            gradients = [xb.T @ logit_gradient + weight_decay * w, logit_gradient.sum(0)]
            for k, (parameter, gradient) in enumerate(zip((w, b), gradients)):
                m, v = moments[2 * k], moments[2 * k + 1]
                m.mul_(0.9).add_(gradient, alpha=0.1)
                v.mul_(0.999).add_(gradient.square(), alpha=0.001)
                parameter.sub_(m / (v.sqrt() + 1e-8) * step_size)
    return w, b


def _accuracy(w, b, x, y):
    return ((x @ w + b).argmax(1) == y).float().mean().item()


def linear_probe(train_x, train_y, test_x, test_y, num_classes=10, seed=0):
    """linearProbe: weight decay chosen on a seeded 10% split, refit on all rows, test accuracy."""
    train_y, test_y = torch.as_tensor(train_y).long(), torch.as_tensor(test_y).long()
    n = len(train_x)
    order = permutation(n, SeededRandom(seed))
    held_out = round(n * LINEAR_PROBE_VALIDATION_FRACTION)
    validation_rows, fit_rows = order[:held_out], order[held_out:]
    fit_x, validation_x = _standardise(train_x, fit_rows, train_x[validation_rows])
    results = []
    for weight_decay in LINEAR_PROBE_WEIGHT_DECAYS:
        w, b = fit_logistic_regression(fit_x, train_y[fit_rows], num_classes, weight_decay, seed)
        results.append((_accuracy(w, b, validation_x, train_y[validation_rows]), weight_decay))
    # Best validation accuracy; ties go to the larger weight decay.
    _, weight_decay = max(results)
    all_x, test_xs = _standardise(train_x, np.arange(n), test_x)
    w, b = fit_logistic_regression(all_x, train_y, num_classes, weight_decay, seed)
    return _accuracy(w, b, test_xs, test_y), weight_decay


def knn_accuracy(train_x, train_y, test_x, test_y, num_classes=10):
    """knnEvaluate with KNN_LIGHTLY: cosine top-k, votes exp((s - s_max) / t), ties to the lower class."""
    train = torch.nn.functional.normalize(torch.as_tensor(train_x, dtype=torch.float32), dim=1)
    test = torch.nn.functional.normalize(torch.as_tensor(test_x, dtype=torch.float32), dim=1)
    train_y, test_y = torch.as_tensor(train_y).long(), torch.as_tensor(test_y).long()
    k = min(KNN_K, len(train))
    correct = 0
    for start in range(0, len(test), KNN_CHUNK):
        similarities, indices = (test[start:start + KNN_CHUNK] @ train.T).topk(k, dim=1)  # [C, k]
        weights = torch.exp((similarities - similarities[:, :1]).double() / KNN_TEMPERATURE)
        votes = torch.zeros(len(indices), num_classes, dtype=torch.float64).scatter_add_(1, train_y[indices], weights)
        correct += (votes.argmax(1) == test_y[start:start + KNN_CHUNK]).sum().item()
    return correct / len(test)
