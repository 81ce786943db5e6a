// The recipe book: every method's small-budget settings, in one place.
export { BACKBONES, BACKBONE_NAMES, type BackboneName, type ImageShape, buildBackbone } from './backbone-book.js';
export { RECIPES, RECIPE_NAMES, type Recipe, type RecipeContext, type RecipeName, viewsFor } from './recipe-book.js';
export { type RecipeOptions, buildRecipe, encoderFor, recipeFor } from './build-recipe.js';
