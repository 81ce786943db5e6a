const scratch = new Float32Array(1);

/**
 * The shortest decimal that reads back as the same float32, written as Python writes
 * `repr(numpy.float32(x))` (what gensim's text format holds): positional between 1e-4 and
 * 1e16 ('0.0123', '-2.0'), scientific with a two-digit exponent otherwise ('1e-05',
 * '-1.5e-07'). `value` is rounded to float32 first.
 *
 * @example
 * float32Text(0.1); // '0.1'
 * float32Text(1e-5); // '1e-05'
 * float32Text(3); // '3.0'
 */
export function float32Text(value: number): string {
  scratch[0] = value;
  const x = scratch[0];
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  let digits = '';
  for (let precision = 1; precision <= 9; precision++) {
    digits = x.toExponential(precision - 1);
    scratch[0] = Number(digits);
    if (scratch[0] === x) break;
  }
  // digits is d.ddde±n: the significant digits and the decimal exponent.
  const [mantissa, exponentText] = digits.split('e');
  const negative = mantissa.startsWith('-');
  const significant = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exponentText);
  const sign = negative ? '-' : '';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${significant}`;
    const whole = significant.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const fraction = significant.slice(exponent + 1);
    return `${sign}${whole}.${fraction || '0'}`;
  }
  const fraction = significant.length > 1 ? `.${significant.slice(1)}` : '';
  const exponentSign = exponent < 0 ? '-' : '+';
  return `${sign}${significant[0]}${fraction}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}
