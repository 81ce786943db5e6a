#!/usr/bin/python3
"""scikit-learn's side of bench/probe-vs-sklearn.ts: the textbook linear probe on the feature
sets that script wrote, to compare with selfsup's linearProbe on the very same numbers.

Needs Debian's packages: apt-get install -y python3-torch python3-torchvision python3-sklearn
(run it with /usr/bin/python3, not another interpreter; scikit-learn 1.2).

Usage: probe_vs_sklearn.py MANIFEST.json
The manifest (written by probe-vs-sklearn.ts) names raw little-endian files in its folder:
train and test labels (int32), the validation rows (int32: the 10% of the training rows that
our linearProbe holds out for the same seed), and per feature set its train and test
features (float32, row-major [count, dimension]).

Per feature set: StandardScaler + LogisticRegression(solver='lbfgs', max_iter=1000,
multinomial) fitted on the other 90% for each C of C_GRID, scored on the validation rows;
the best C (ties: the smaller, the stronger penalty, as ours prefers the larger weight decay)
is refitted (scaler too) on all training rows and scored on the test rows. Prints one JSON
object per feature set: {name, accuracy, C, validation_accuracy, seconds}.

sklearn minimises 0.5 ||W||^2 + C sum(cross-entropy), ours mean(cross-entropy) + wd/2 ||W||^2:
the same problem for C = 1 / (N wd). With N = 9,000 rows, our weight decays 1e-5 ... 1e-2 are
C = 11 ... 0.011; C_GRID spans them a decade apart, plus 100 (nearly our wd = 0).
"""
import json, os, sys, time, warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

C_GRID = (0.01, 0.1, 1.0, 10.0, 100.0)


def fit(x, y, c):
    model = make_pipeline(StandardScaler(), LogisticRegression(C=c, solver='lbfgs', max_iter=1000))
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', ConvergenceWarning)  # counted below instead
        model.fit(x, y)
    return model


def main():
    manifest_path = sys.argv[1]
    folder = os.path.dirname(manifest_path)
    manifest = json.load(open(manifest_path))
    read = lambda name, dtype: np.fromfile(os.path.join(folder, name), dtype=dtype)
    train_y, test_y = read(manifest['trainLabels'], '<i4'), read(manifest['testLabels'], '<i4')
    validation = read(manifest['validationRows'], '<i4')
    held_out = np.zeros(len(train_y), bool)
    held_out[validation] = True
    for feature_set in manifest['sets']:
        started = time.perf_counter()
        d = feature_set['dimension']
        train_x = read(feature_set['train'], '<f4').reshape(-1, d)
        test_x = read(feature_set['test'], '<f4').reshape(-1, d)
        scores = []
        for c in C_GRID:
            model = fit(train_x[~held_out], train_y[~held_out], c)
            scores.append((model.score(train_x[held_out], train_y[held_out]), -c))
        validation_accuracy, negative_c = max(scores)
        model = fit(train_x, train_y, -negative_c)
        iterations = int(model[-1].n_iter_.max())
        print(json.dumps(dict(name=feature_set['name'], accuracy=model.score(test_x, test_y), C=-negative_c,
                              validation_accuracy=validation_accuracy, iterations=iterations,
                              converged=iterations < 1000, seconds=time.perf_counter() - started)), flush=True)


if __name__ == '__main__':
    main()
