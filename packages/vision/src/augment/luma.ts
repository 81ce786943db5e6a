/**
 * ITU-R BT.601 luma weights of red, green and blue: gray = 0.299 R + 0.587 G + 0.114 B.
 * The grayscale of PIL's `convert('L')` and torchvision's `rgb_to_grayscale`, used by
 * `randomGrayscale` and by the contrast and saturation adjustments.
 *
 * @example
 * const [red, green, blue] = ITU_R_601_LUMA_WEIGHTS;
 * const gray = red * 1 + green * 0.5 + blue * 0; // 0.5925
 */
export const ITU_R_601_LUMA_WEIGHTS: readonly [number, number, number] = [0.299, 0.587, 0.114];

/** Internal copies of the weights for the hot loops. */
export const LUMA_RED = ITU_R_601_LUMA_WEIGHTS[0];
export const LUMA_GREEN = ITU_R_601_LUMA_WEIGHTS[1];
export const LUMA_BLUE = ITU_R_601_LUMA_WEIGHTS[2];
