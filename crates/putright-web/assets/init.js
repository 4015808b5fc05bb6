// Starts GOV.UK Frontend's components. It is served as a file because the Content Security
// Policy allows no inline script; as a module it runs only in browsers that GOV.UK Frontend
// supports, so it also sets the classes the template's usual inline snippet would set.
import { initAll } from './govuk-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initAll()
