// The script-tag entry: registers every element. Elements already in the page when it
// loads are upgraded then; later ones as they appear.
import './define.js';
