#!/usr/bin/python3
"""The PyTorch side of bench/run-benchmarks.ts: each workload of bench/workloads/ written
with the library a user would otherwise reach for (PyTorch, torchvision, scikit-learn), timed
on the same machine in the same run, so that the two figures can be set side by side.

Needs Debian's packages: apt-get install -y python3-torch python3-torchvision python3-sklearn
(run it with /usr/bin/python3, not another interpreter; torch 1.13, torchvision 0.14,
scikit-learn 1.2).

Usage: torch_reference.py WORKLOAD [--threads N] [--batch N] [--repeats N] [--input PATH]
The last line of stdout is one JSON object: workload, threads, median_s (seconds per step,
the median of --repeats timed steps after the warm-up ones), unit, rate (items per second),
times (every timed step) and, per workload, a few details. --input is accepted for the
command line's sake; no workload here reads a file.

Workloads (the batch defaults are those of bench/workloads/):
  simclr-cnn3  One SimCLR update. A small CNN encodes two batches of 28x28 one-channel
               random views, each batch on its own (so batch norm sees one view at a time):
               three blocks of 3x3 convolution without bias, batch norm and ReLU, 32, 64
               then 128 filters, a 2x2 max-pool after the first two, global average pooling,
               then a 128-unit ReLU layer and a 64-unit output. Loss: NT-Xent at
               temperature 0.5 over the 2 x batch embeddings; optimiser Adam, lr 1e-3.
               --batch views per side (default 256); rate in views per second (2 x batch).
  gpt-char     One AdamW update (lr 1e-3) of a character-level GPT: vocabulary 65,
               context 64, width 128, 4 pre-norm causal blocks of 4 heads with a 4x GELU
               MLP, learned token and position embeddings, a final layer norm and a linear
               head; cross-entropy on random targets. --batch sequences (default 64); rate
               in tokens per second.
  augment      SimCLR's two-view augmentation of --batch (default 2048) random uint8 32x32
               RGB images with torchvision, image by image as a DataLoader worker would do
               it: random resized crop back to 32 (scale 0.08-1), horizontal flip (p 0.5),
               colour jitter 0.4/0.4/0.4/0.1 applied with p 0.8, grayscale with p 0.2,
               then ToTensor. Two views per image; rate in views per second.
  kmeans       scikit-learn's KMeans on 20,000 standard-normal points of dimension 39:
               100 clusters, k-means++ seeding, one initialisation, 20 Lloyd iterations
               with tolerance 0 (no early stop). rate in point-iterations per second
               (20,000 x 20).

No word2vec workload: nothing in bench/ is compared with one.
"""
import argparse
import json
import os
import statistics
import time

TRAINING_WARMUP = 2  # as run-benchmarks.ts does for our steps
PASS_WARMUP = 1  # a whole pass (augment, kmeans) is long enough to warm itself up


def time_steps(step, repeats, warmup):
    """Runs `step` `warmup` times untimed, then `repeats` times timed; returns the seconds of each."""
    for _ in range(warmup):
        step()
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        seconds.append(time.perf_counter() - start)
    return seconds


def summary(seconds, unit, items_per_step, **details):
    """The JSON fields every workload reports: the median step and the rate it gives."""
    median = statistics.median(seconds)
    return dict(median_s=median, unit=unit, rate=items_per_step / median, times=seconds, **details)


# --- simclr-cnn3 ---------------------------------------------------------------------------


def conv_block(in_channels, out_channels):
    import torch.nn as nn

    return [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=False), nn.BatchNorm2d(out_channels), nn.ReLU()]


def simclr_encoder():
    """[N, 1, 28, 28] -> [N, 64]."""
    import torch.nn as nn

    return nn.Sequential(
        *conv_block(1, 32),  # [N, 32, 28, 28]
        nn.MaxPool2d(2),  # [N, 32, 14, 14]
        *conv_block(32, 64),  # [N, 64, 14, 14]
        nn.MaxPool2d(2),  # [N, 64, 7, 7]
        *conv_block(64, 128),  # [N, 128, 7, 7]
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),  # [N, 128]
        nn.Linear(128, 128),
        nn.ReLU(),
        nn.Linear(128, 64),  # [N, 64]
    )


def nt_xent(z1, z2, temperature=0.5):
    """NT-Xent (Chen et al. 2020): row i of z1 and row i of z2 are positives, every other
    row of either is a negative. z1, z2: [batch, dim]; returns the mean over 2 x batch rows."""
    import torch
    import torch.nn.functional as F

    batch = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2]), dim=1)  # [2B, dim]
    logits = z @ z.t() / temperature  # [2B, 2B]
    self_pairs = torch.eye(2 * batch, dtype=torch.bool)
    logits = logits.masked_fill(self_pairs, float('-inf'))
    positives = torch.cat([torch.arange(batch) + batch, torch.arange(batch)])  # row i <-> row i +- B
    return F.cross_entropy(logits, positives)


def simclr_cnn3(args):
    import torch

    batch = args.batch or 256
    torch.manual_seed(0)
    encoder = simclr_encoder()
    optimizer = torch.optim.Adam(encoder.parameters(), lr=1e-3)
    view1, view2 = torch.randn(batch, 1, 28, 28), torch.randn(batch, 1, 28, 28)

    def step():
        optimizer.zero_grad()
        nt_xent(encoder(view1), encoder(view2)).backward()
        optimizer.step()

    seconds = time_steps(step, args.repeats, TRAINING_WARMUP)
    return summary(seconds, 'views/s', 2 * batch, batch=batch)


# --- gpt-char ------------------------------------------------------------------------------

VOCABULARY, CONTEXT, WIDTH, HEADS, DEPTH = 65, 64, 128, 4, 4


def gpt_modules():
    """The GPT's classes, defined once torch is imported (the script imports it lazily)."""
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    class CausalSelfAttention(nn.Module):
        def __init__(self):
            super().__init__()
            self.qkv = nn.Linear(WIDTH, 3 * WIDTH)
            self.out = nn.Linear(WIDTH, WIDTH)
            self.register_buffer('future', torch.triu(torch.ones(CONTEXT, CONTEXT, dtype=torch.bool), diagonal=1))

        def forward(self, x):  # x: [B, T, C]
            batch, steps, _ = x.shape
            head_size = WIDTH // HEADS

            def split_heads(t):  # [B, T, C] -> [B, H, T, C/H]
                return t.view(batch, steps, HEADS, head_size).transpose(1, 2)

            q, k, v = (split_heads(t) for t in self.qkv(x).chunk(3, dim=-1))
            scores = q @ k.transpose(-2, -1) / head_size**0.5  # [B, H, T, T]
            scores = scores.masked_fill(self.future[:steps, :steps], float('-inf'))
            mixed = scores.softmax(dim=-1) @ v  # [B, H, T, C/H]
            return self.out(mixed.transpose(1, 2).reshape(batch, steps, WIDTH))  # [B, T, C]

    class Block(nn.Module):
        """Pre-norm: x + attention(norm(x)), then x + mlp(norm(x))."""

        def __init__(self):
            super().__init__()
            self.attention_norm, self.attention = nn.LayerNorm(WIDTH), CausalSelfAttention()
            self.mlp_norm = nn.LayerNorm(WIDTH)
            self.mlp = nn.Sequential(nn.Linear(WIDTH, 4 * WIDTH), nn.GELU(), nn.Linear(4 * WIDTH, WIDTH))

        def forward(self, x):
            x = x + self.attention(self.attention_norm(x))
            return x + self.mlp(self.mlp_norm(x))

    class Gpt(nn.Module):
        def __init__(self):
            super().__init__()
            self.tokens = nn.Embedding(VOCABULARY, WIDTH)
            self.positions = nn.Embedding(CONTEXT, WIDTH)
            self.blocks = nn.Sequential(*(Block() for _ in range(DEPTH)))
            self.norm = nn.LayerNorm(WIDTH)
            self.head = nn.Linear(WIDTH, VOCABULARY)

        def forward(self, tokens):  # tokens: [B, T] -> logits [B, T, V]
            positions = torch.arange(tokens.shape[1])
            x = self.tokens(tokens) + self.positions(positions)  # [B, T, C]
            return self.head(self.norm(self.blocks(x)))

        def loss(self, tokens, targets):
            logits = self(tokens)
            return F.cross_entropy(logits.reshape(-1, VOCABULARY), targets.reshape(-1))

    return Gpt


def gpt_char(args):
    import torch

    batch = args.batch or 64
    torch.manual_seed(0)
    model = gpt_modules()()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    tokens = torch.randint(0, VOCABULARY, (batch, CONTEXT))
    targets = torch.randint(0, VOCABULARY, (batch, CONTEXT))

    def step():
        optimizer.zero_grad()
        model.loss(tokens, targets).backward()
        optimizer.step()

    seconds = time_steps(step, args.repeats, TRAINING_WARMUP)
    return summary(seconds, 'tokens/s', batch * CONTEXT, batch=batch)


# --- augment -------------------------------------------------------------------------------


def simclr_view_transform():
    """SimCLR's CIFAR view with torchvision (no blur at 32x32)."""
    from torchvision import transforms as T

    return T.Compose([
        T.RandomResizedCrop(32, scale=(0.08, 1.0)),
        T.RandomHorizontalFlip(p=0.5),
        T.RandomApply([T.ColorJitter(brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1)], p=0.8),
        T.RandomGrayscale(p=0.2),
        T.ToTensor(),
    ])


def augment(args):
    import numpy as np
    import torch
    from PIL import Image

    count = args.batch or 2048
    torch.manual_seed(0)
    pixels = np.random.default_rng(0).integers(0, 256, size=(count, 32, 32, 3), dtype=np.uint8)
    images = [Image.fromarray(image) for image in pixels]
    view = simclr_view_transform()

    def two_views_of_each():
        for image in images:
            view(image)
            view(image)

    seconds = time_steps(two_views_of_each, args.repeats, PASS_WARMUP)
    return summary(seconds, 'views/s', 2 * count, images=count)


# --- kmeans --------------------------------------------------------------------------------


def kmeans(args):
    import numpy as np
    from sklearn.cluster import KMeans

    count, dimension, clusters, iterations = 20_000, 39, 100, 20
    points = np.random.default_rng(0).standard_normal((count, dimension)).astype(np.float32)
    fitted = {}

    def fit():
        model = KMeans(n_clusters=clusters, init='k-means++', n_init=1, max_iter=iterations, tol=0, random_state=0)
        fitted['iterations'] = int(model.fit(points).n_iter_)

    seconds = time_steps(fit, args.repeats, PASS_WARMUP)
    # n_iter_ below 20 would mean scikit-learn stopped early (labels unchanged): the rate would flatter it.
    return summary(seconds, 'point-iterations/s', count * iterations, iterations=fitted['iterations'])


WORKLOADS = {'simclr-cnn3': simclr_cnn3, 'gpt-char': gpt_char, 'augment': augment, 'kmeans': kmeans}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('workload', choices=sorted(WORKLOADS))
    parser.add_argument('--threads', type=int, default=os.cpu_count(), help='threads for PyTorch and OpenMP')
    parser.add_argument('--batch', type=int, default=0, help='0: the workload default')
    parser.add_argument('--repeats', type=int, default=7, help='timed steps (the median is reported)')
    parser.add_argument('--input', help='unused; accepted for the command line contract')
    return parser.parse_args()


def main():
    args = parse_args()
    # Before numpy, torch or scikit-learn load their OpenMP runtime, which reads it once.
    os.environ['OMP_NUM_THREADS'] = str(args.threads)
    import torch

    torch.set_num_threads(args.threads)
    result = WORKLOADS[args.workload](args)
    result.update(workload=args.workload, threads=args.threads)
    print(json.dumps(result))


if __name__ == '__main__':
    main()
