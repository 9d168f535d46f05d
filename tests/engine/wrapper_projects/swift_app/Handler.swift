import Foundation

final class Handler {
    let link: Link

    init(link: Link) { self.link = link }

    func dropped() {
        link.shut(code: .abnormalClosure) // expect: WSC001
    }

    func done() {
        link.shut(code: .normalClosure)
    }
}
